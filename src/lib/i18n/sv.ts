// Swedish: the default language and the source of the message keys.
// Placeholders are written {name} and filled in by t(key, { name }).
export const sv = {
  'app.name': 'Regionkartan',
  'app.tagline': 'Skolsamverkan i Örebro län',
  'app.skipToContent': 'Hoppa till innehållet',

  'language.label': 'Språk',
  'language.sv': 'Svenska',
  'language.en': 'English',

  'footer.attribution': 'Källor och licenser',
  'footer.about': 'Regionkartan är öppen källkod.',
  'footer.licence': 'Licens',
  'attribution.documents':
    'Innehåll: underlag från samverkan i Örebro län, med källa vid varje uppgift',

  'nodeKind.municipality': 'Kommun',
  'nodeKind.organisation': 'Organisation',
  'nodeKind.network': 'Nätverk eller forum',
  'nodeKind.project': 'Projekt eller aktivitet',
  'nodeKind.resource': 'Resurs',
  'nodeKind.event': 'Händelse eller möte',

  'nodeKinds.municipality': 'Kommuner',
  'nodeKinds.organisation': 'Organisationer',
  'nodeKinds.network': 'Nätverk och forum',
  'nodeKinds.project': 'Projekt och aktiviteter',
  'nodeKinds.resource': 'Resurser',
  'nodeKinds.event': 'Händelser och möten',

  'relationKind.flows_to': 'Flöde till',
  'relationKind.similar_to': 'Liknar',
  'relationKind.member_of': 'Medlem i',
  'relationKind.participates_in': 'Deltar i',
  'relationKind.leads': 'Leder',
  'relationKind.hosts': 'Är värd för',
  'relationKind.assists': 'Stödjer',
  'relationKind.prepares_for': 'Bereder för',
  'relationKind.part_of': 'Del av',
  'relationKind.partner_of': 'Partner till',
  'relationKind.collaborates_with': 'Samverkar med',
  'relationKind.funds': 'Finansierar',

  'status.planned': 'Planerad',
  'status.active': 'Aktiv',
  'status.dormant': 'Vilande',
  'status.ended': 'Avslutad',

  'overview.loading': 'Laddar kartan …',
  'overview.loaded': 'Kartan är laddad.',
  'overview.noDescription': 'Kartan har ingen beskrivning.',
  'overview.nodesCaption': 'Noder per typ',
  'overview.relationsCaption': 'Relationer per typ',
  'overview.kindColumn': 'Typ',
  'overview.countColumn': 'Antal',
  'overview.total': 'Totalt',
  'overview.otherFacts': 'Teman och indikatorer',
  'overview.themes': 'Teman',
  'overview.indicators': 'Indikatorer',
  'overview.sourcesHeading': 'Källor',
  'overview.sourcesIntro':
    'Varje uppgift på kartan anger sin källa. Så här många uppgifter hänvisar till varje källa:',
  'overview.sourceItems.one': '1 uppgift',
  'overview.sourceItems.other': '{count} uppgifter',
  'overview.noSources': 'Inga uppgifter anger någon källa.',
  'overview.uncited.one': '1 uppgift saknar källa.',
  'overview.uncited.other': '{count} uppgifter saknar källa.',
  'overview.retry': 'Försök igen',
  'overview.errorHeading': 'Kartan kunde inte laddas',

  'error.config.unreachable':
    'Det gick inte att nå Regionkartans server. Kontrollera att den är startad (npm start) och att du är ansluten till samma nätverk.',
  'error.config.invalid':
    'Serverns inställningar (config.json) är ofullständiga eller felaktiga. Kontakta den som driftar kartan.',
  'error.network':
    'Det gick inte att nå databasen. Kontrollera nätverksanslutningen och att servern är startad.',
  'error.aborted': 'Hämtningen avbröts.',
  'error.auth': 'Din inloggning gäller inte längre. Logga in igen.',
  'error.permission': 'Du har inte behörighet att göra detta.',
  'error.check': 'Uppgifterna uppfyller inte kraven. Kontrollera fälten och försök igen.',
  'error.foreignKey': 'Uppgiften hänvisar till något som inte finns (längre).',
  'error.unique': 'Det finns redan en uppgift med samma värde.',
  'error.notFound': 'Uppgiften finns inte, eller så saknar du behörighet att se den.',
  'error.conflict': 'Någon annan har ändrat uppgiften samtidigt. Se den senaste versionen.',
  'error.invalidData': 'Databasen svarade med uppgifter som appen inte känner igen.',
  'error.unavailable': 'Servern är inte redo ännu. Vänta en stund och försök igen.',
  'error.unknown': 'Något gick fel. Försök igen.'
} as const;

export type MessageKey = keyof typeof sv;
/** A complete dictionary: every key of the Swedish one, each a string. */
export type Messages = { readonly [K in MessageKey]: string };
