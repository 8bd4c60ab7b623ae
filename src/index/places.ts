/**
 * Names of countries and continents. A proper noun in this list is a place: an answer to
 * "where" or "which country", not to "who" or "which outlet". Without it, "Iraq" in a
 * sentence looks like the name a who-question wants as much as "Politico" does. Cities are
 * too many to list; countries and continents are few and are most of what news names.
 *
 * Lower-case single words; a country of several words is listed by its distinctive word
 * ("arabia" for Saudi Arabia, "zealand" for New Zealand), never by a common one ("united").
 */
const placeNames = new Set(
  `afghanistan albania algeria andorra angola antigua argentina armenia australia austria azerbaijan bahamas
  bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria
  burkina burundi cambodia cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czechia
  denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia
  georgia germany ghana greece grenada guatemala guinea guyana haiti herzegovina honduras hungary iceland india
  indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya kiribati korea kosovo kuwait
  kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi
  malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco
  mozambique myanmar burma namibia nauru nepal netherlands holland nicaragua niger nigeria macedonia norway oman
  pakistan palau palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa
  arabia senegal serbia seychelles singapore slovakia slovenia somalia spain lanka sudan suriname sweden
  switzerland syria taiwan tajikistan tanzania thailand togo tonga trinidad tunisia turkey turkmenistan tuvalu
  uganda ukraine uae emirates uk britain england scotland wales uruguay uzbekistan vanuatu vatican venezuela
  vietnam yemen zambia zimbabwe zealand kurdistan
  africa antarctica asia europe oceania`
    .split(/\s+/)
    .filter(Boolean),
);

/** True when a proper noun's lower-cased form names a country or a continent. */
export function isPlaceName(normal: string): boolean {
  return placeNames.has(normal);
}
