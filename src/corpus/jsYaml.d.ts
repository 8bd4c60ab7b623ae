/**
 * The part of js-yaml (3.x, installed with gray-matter) that front matter reading uses. js-yaml
 * 3 ships no types; 4.x has the same `load` and `CORE_SCHEMA`.
 */
declare module 'js-yaml' {
  interface LoadOptions {
    readonly schema?: unknown;
    readonly filename?: string;
  }
  interface JsYaml {
    /** YAML 1.2 core: strings, numbers, booleans, null, lists and maps; no other tags. */
    readonly CORE_SCHEMA: unknown;
    load(input: string, options?: LoadOptions): unknown;
  }
  const yaml: JsYaml;
  export default yaml;
}
