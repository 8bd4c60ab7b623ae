/**
 * Irregular English forms -> their base form, applied before stemming. Porter's stemmer only
 * strips suffixes, so "withdrew" would never meet "withdraw", nor "took office" "take office".
 * wink can lemmatise, but doing so for every token of a corpus costs about a third more
 * indexing time; this table covers the forms news text actually uses.
 */
// A Map, not an object: looking a fresh string up as a property key costs V8 a string-table
// lookup first, and nearly every word looked up is fresh (the caller caches by word).
const irregularForms: ReadonlyMap<string, string> = new Map(
  `arose:arise arisen:arise ate:eat awoke:awake bore:bear borne:bear beat:beat beaten:beat became:become began:begin begun:begin
  bent:bend bet:bet bid:bid bit:bite bitten:bite bled:bleed blew:blow blown:blow broke:break broken:break bred:breed brought:bring
  built:build burnt:burn bought:buy caught:catch chose:choose chosen:choose came:come clung:cling crept:creep dealt:deal dug:dig
  did:do done:do drew:draw drawn:draw dreamt:dream drank:drink drunk:drink drove:drive driven:drive fell:fall fallen:fall fed:feed
  felt:feel fought:fight found:find fled:flee flew:fly flown:fly forbade:forbid forbidden:forbid forgot:forget forgotten:forget
  forgave:forgive forgiven:forgive froze:freeze frozen:freeze got:get gotten:get gave:give given:give went:go gone:go grew:grow
  grown:grow hung:hang heard:hear hid:hide hidden:hide held:hold hurt:hurt kept:keep knelt:kneel knew:know known:know laid:lay
  led:lead leapt:leap learnt:learn left:leave lent:lend lay:lie lain:lie lit:light lost:lose made:make meant:mean met:meet
  mistook:mistake mistaken:mistake overcame:overcome overtook:overtake overtaken:overtake overthrew:overthrow overthrown:overthrow
  paid:pay rode:ride ridden:ride rang:ring rung:ring rose:rise risen:rise ran:run said:say saw:see seen:see sought:seek sold:sell
  sent:send shook:shake shaken:shake shone:shine shot:shoot showed:show shown:show shrank:shrink shut:shut sang:sing sung:sing
  sank:sink sunk:sink sat:sit slept:sleep slew:slay slain:slay slid:slide spoke:speak spoken:speak sped:speed spent:spend
  spun:spin split:split spread:spread sprang:spring sprung:spring stood:stand stole:steal stolen:steal stuck:stick stung:sting
  strode:stride struck:strike stricken:strike strove:strive striven:strive swore:swear sworn:swear swept:sweep swam:swim swum:swim
  swung:swing took:take taken:take taught:teach tore:tear torn:tear told:tell thought:think threw:throw thrown:throw
  understood:understand undertook:undertake undertaken:undertake underwent:undergo undergone:undergo upheld:uphold woke:wake
  woken:wake wore:wear worn:wear wove:weave woven:weave wept:weep won:win withdrew:withdraw withdrawn:withdraw
  withheld:withhold withstood:withstand wrote:write written:write men:man women:woman children:child feet:foot teeth:tooth
  geese:goose mice:mouse oxen:ox people:person analyses:analysis crises:crisis theses:thesis criteria:criterion phenomena:phenomenon`
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => pair.split(':') as [string, string]),
);

/** The base form of an irregular word, or the word itself. */
export function baseForm(word: string): string {
  return irregularForms.get(word) ?? word;
}
