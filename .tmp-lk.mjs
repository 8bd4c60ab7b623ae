import { parseHTML } from 'linkedom';
for (const [name, html] of [['flat', '<html><body>' + '<i>x</i>'.repeat(2*1024*1024/8) + '</body></html>'], ['nested', '<html><body>' + '<div>'.repeat(2*1024*1024/5) + '</body></html>'], ['attrs', '<html><body><p ' + 'a=1 '.repeat(500000) + '>x</p></body></html>']]) {
  const m0 = process.memoryUsage().heapUsed; const t = performance.now();
  const { document } = parseHTML(html);
  console.log(name, Math.round(performance.now() - t), 'ms', Math.round((process.memoryUsage().heapUsed - m0)/1e6), 'MB');
}
