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

  'map.ariaLabel':
    'Karta över Örebro län. Piltangenterna flyttar kartan, plus och minus zoomar. Listvyn visar samma innehåll.',
  'map.attribution': 'Källa: SCB (CC0) · © OpenStreetMap contributors (ODbL)',
  'map.toggleAttribution': 'Visa eller dölj källor',
  'map.zoomIn': 'Zooma in',
  'map.zoomOut': 'Zooma ut',
  'map.loading': 'Laddar kartan …',
  'map.error': 'Kartan kunde inte visas. Listvyn visar samma innehåll.',

  'io.error.tooLarge':
    'Filen är {size} MB. Den största fil som kan läsas in är {limit} MB. Dela upp den i mindre filer, till exempel en för noder och en för relationer.',
  'io.error.notUtf8':
    'Filen är inte sparad som UTF-8 (fel tecken på rad {line}). Spara som UTF-8 eller välj Windows-1252 som teckenkodning.',
  'io.error.binaryNotCsv':
    'Filen är ingen textfil (CSV). Är det en Excel-fil? Välj den som .xlsx, eller spara den som CSV i Excel.',
  'io.error.empty': 'Filen är tom.',
  'io.error.noHeader':
    'Filens första rad ska vara kolumnrubriker (till exempel Namn och Typ), men den är tom.',
  'io.error.unclosedQuote':
    'Rad {row}: ett citattecken (") öppnas men stängs aldrig, så resten av filen går inte att läsa. Kontrollera citattecknen på rad {row}.',
  'io.error.oldExcel':
    'Filen är i det gamla Excel-formatet (.xls). Spara den som Excel-arbetsbok (.xlsx) eller som CSV och försök igen.',
  'io.error.notXlsx':
    'Filen kunde inte läsas som en Excel-arbetsbok (.xlsx). Den kan vara skadad eller i ett annat format.',
  'io.error.noSheets':
    'Arbetsboken saknar bladen Elements (noder) och Connections (relationer). Hittade blad: {sheets}.',
  'io.error.invalidJson': 'Filen är inte giltig JSON och kan inte läsas som säkerhetskopia.',
  'io.error.notBackup': 'JSON-filen är ingen säkerhetskopia från Regionkartan.',
  'io.error.backupVersion':
    'Säkerhetskopian har version {version}, som den här versionen av Regionkartan inte kan läsa.',
  'io.error.noFile': 'Välj en fil att läsa in.',
  'io.error.mixedFiles':
    'Välj antingen en Excel-fil, en säkerhetskopia (JSON) eller en eller flera CSV-filer – inte en blandning.',
  'io.problem.missingColumn':
    'Kolumnen {column} saknas. Filen behöver minst kolumnerna: {required}.',
  'io.problem.unknownColumn': 'Kolumnen {column} känns inte igen och läses inte in.',
  'io.problem.duplicateColumn': 'Kolumnen {column} finns två gånger; bara den första läses in.',
  'io.problem.extraCells':
    'Rad {row} har {count} celler men rubrikraden bara {expected}. Kanske saknas citattecken runt en cell som innehåller avgränsningstecknet.',
  'io.problem.required': 'Rad {row}, kolumn {column}: värde saknas.',
  'io.problem.tooLong': 'Rad {row}, kolumn {column}: texten är längre än {max} tecken.',
  'io.problem.formula':
    "Rad {row}, kolumn {column}: cellen ser ut som en formel ('{value}'). Börja med en apostrof (') om det ska vara text.",
  'io.problem.unknownKind':
    "Rad {row}, kolumn {column}: okänd typ '{value}' – använd en av: {allowed}.",
  'io.problem.unknownRelationKind':
    "Rad {row}, kolumn {column}: okänd relationstyp '{value}' – använd en av: {allowed}.",
  'io.problem.unknownStatus':
    "Rad {row}, kolumn {column}: okänd status '{value}' – använd en av: {allowed}.",
  'io.problem.unknownTheme':
    "Rad {row}, kolumn {column}: okänt tema '{value}' – använd ett av: {allowed}.",
  'io.problem.unknownThemeKey': "Rad {row}: okänt tema '{value}' – kartan har: {allowed}.",
  'io.problem.invalidUrl':
    "Rad {row}, kolumn {column}: '{value}' är ingen webbadress. Den ska börja med https://.",
  'io.problem.urlFixed': "Rad {row}, kolumn {column}: https:// har lagts till före '{value}'.",
  'io.problem.invalidMunicipalityCode':
    "Rad {row}, kolumn {column}: '{value}' är ingen kommunkod (fyra siffror, till exempel 1880).",
  'io.problem.unknownMunicipality':
    "Rad {row}, kolumn {column}: okänd kommun '{value}'. Skriv namnet som på kartan eller kommunkoden.",
  'io.problem.municipalityNeedsCode': 'Rad {row}, kolumn {column}: en kommun behöver en kommunkod.',
  'io.problem.invalidLongitude':
    "Rad {row}, kolumn {column}: '{value}' är ingen longitud (−180 till 180).",
  'io.problem.invalidLatitude':
    "Rad {row}, kolumn {column}: '{value}' är ingen latitud (−90 till 90).",
  'io.problem.coordinatePair':
    'Rad {row}, kolumn {column}: ange både longitud och latitud, eller ingen av dem.',
  'io.problem.invalidDate':
    "Rad {row}, kolumn {column}: '{value}' är inget datum. Skriv datum som ÅÅÅÅ-MM-DD.",
  'io.problem.endBeforeStart':
    'Rad {row}, kolumn {column}: slutdatumet {end} är före startdatumet {start}.',
  'io.problem.duplicateRef': "Rad {row}, kolumn {column}: '{value}' finns redan på rad {first}.",
  'io.problem.duplicateRow':
    "Rad {row}, kolumn {column}: '{value}' med samma kommun finns redan på rad {first}.",
  'io.problem.selfRelation':
    "Rad {row}, kolumn {column}: en relation kan inte gå från '{value}' till sig själv.",
  'io.problem.notANumber': "Rad {row}, kolumn {column}: '{value}' är inget tal.",
  'io.problem.negative': 'Rad {row}, kolumn {column}: värdet kan inte vara negativt.',
  'io.problem.scoreRange': 'Rad {row}, kolumn {column}: likheten ska vara mellan 0 och 1.',
  'io.problem.yearRange':
    'Rad {row}, kolumn {column}: {value} är inget årtal mellan 1900 och 2100.',
  'io.problem.invalidThemeKey':
    "Rad {row}, kolumn {column}: '{value}' kan inte vara nyckel för ett tema (a–z, siffror och bindestreck).",
  'io.problem.invalidColor':
    "Rad {row}, kolumn {column}: '{value}' är ingen färg. Skriv den som #RRGGBB, till exempel #1565c0.",
  'io.problem.unknownNode':
    "Rad {row}, kolumn {column}: '{value}' finns varken i filen eller på kartan. Kontrollera stavningen.",
  'io.problem.ambiguousNode':
    "Rad {row}, kolumn {column}: '{value}' passar {count} noder. Använd nodens ID i stället för namnet.",
  'io.problem.municipalityExists':
    'Rad {row}: kartan har redan en kommun med kommunkod {code} ({title}).',
  'io.problem.kindDiffers':
    "Rad {row}: '{value}' finns redan på kartan med en annan typ; typen ändras inte.",
  'io.problem.backupField': 'Säkerhetskopian är felaktig vid {path}.',
  'io.progress.reading': 'Läser filen …',
  'io.progress.validating': 'Kontrollerar rad {done} av {total} …',
  'io.progress.planning': 'Jämför med kartan …',
  'io.progress.saving': 'Sparar …',
  'io.progress.done': 'Klart.',
  'io.apply.blocked': 'Rätta felen i förhandsgranskningen först. Inget har sparats.',
  'io.apply.permission': 'Du behöver vara redigerare på kartan för att läsa in. Inget har sparats.',
  'io.apply.conflict':
    'Någon har ändrat en av de matchade uppgifterna sedan förhandsgranskningen. Inget har sparats – läs in filen igen.',
  'io.apply.reference': 'En relation pekar på en nod som inte finns. Inget har sparats.',
  'io.apply.unique':
    'Något i filen finns redan på kartan (till exempel samma kommun eller indikator). Inget har sparats.',
  'io.apply.check': 'Databasen godtog inte alla värden. Inget har sparats.',
  'io.apply.network': 'Det gick inte att nå servern. Inget har sparats – försök igen.',
  'io.apply.failed': 'Inläsningen misslyckades. Inget har sparats.',
  'io.apply.done':
    'Inläst: {nodes} nya noder, {updated} uppdaterade och {relations} nya relationer.',

  'coverage.heading': 'Täckning per kommun och tema',
  'coverage.rule':
    'Så räknas det: för varje kommun och tema räknas de aktiva resurserna, nätverken, projekten, organisationerna och händelserna (inte kommunerna själva) som har temat och som antingen hör hemma i kommunen eller som kommunen är medlem i eller deltar i. Varje resurs räknas en gång per ruta, och en gång i totalen.',
  'coverage.municipality': 'Kommun',
  'coverage.code': 'Kommunkod',
  'coverage.total': 'Totalt',
  'coverage.gap': 'Saknas',
  'coverage.cell': '{count} för {theme} i {municipality}',
  'coverage.overlaps.heading': 'Nätverk med samma medlemmar',
  'coverage.overlaps.shared': '{count} gemensamma medlemmar',

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

  'explorer.pageTitle': 'Utforska – Regionkartan',
  'explorer.heading': 'Utforska kartan',
  'explorer.nav': 'Utforska kartan',
  'explorer.navLabel': 'Huvudmeny',
  'explorer.cta': 'Utforska kartan',
  'explorer.ctaText':
    'Se samverkan på kartan och som nätverksgraf, filtrera på teman, kommuner och typer och läs detaljer med källor.',
  'explorer.filters.heading': 'Filter',
  'explorer.filters.themes': 'Teman',
  'explorer.filters.nodeKinds': 'Typer',
  'explorer.filters.relationKinds': 'Relationer',
  'explorer.filters.municipalities': 'Kommuner',
  'explorer.filters.statuses': 'Status',
  'explorer.filters.search': 'Sök',
  'explorer.filters.searchHint': 'Söker i namn, beskrivning och kontakt.',
  'explorer.filters.selected': '{count} valda',
  'explorer.filters.clear': 'Rensa alla filter',
  'explorer.count':
    'Visar {nodes} av {totalNodes} noder och {relations} av {totalRelations} relationer',
  'explorer.view.label': 'Visning',
  'explorer.view.split': 'Delad vy',
  'explorer.view.map': 'Karta',
  'explorer.view.graph': 'Graf',
  'explorer.view.list': 'Lista',
  'explorer.view.mapRegion': 'Kartvy',
  'explorer.view.graphRegion': 'Grafvy',
  'explorer.layout.label': 'Graflayout',
  'explorer.layout.fcose': 'Kraftbaserad',
  'explorer.layout.geo': 'Geografisk',
  'explorer.layout.hierarchy': 'Hierarki',
  'explorer.focus.label': 'Fokus',
  'explorer.focus.0': 'Av',
  'explorer.focus.1': '1 steg',
  'explorer.focus.2': '2 steg',
  'explorer.zoom.selection': 'Zooma till',
  'explorer.zoom.all': 'Visa allt',
  'explorer.export.map': 'Exportera karta (PNG)',
  'explorer.export.graph': 'Exportera graf (PNG)',
  'explorer.export.busy': 'Exporterar …',
  'explorer.export.done': 'Bilden {file} har sparats.',
  'explorer.export.failed': 'Bilden kunde inte skapas. Försök igen.',
  'explorer.details.heading': 'Detaljer',
  'explorer.details.empty':
    'Välj något på kartan, i grafen eller i listan för att se detaljer här.',
  'explorer.details.notFound': 'Det valda finns inte (längre) på den här kartan.',
  'explorer.details.kind': 'Typ',
  'explorer.details.municipality': 'Kommun',
  'explorer.details.themes': 'Teman',
  'explorer.details.status': 'Status',
  'explorer.details.start': 'Start',
  'explorer.details.end': 'Slut',
  'explorer.details.contact': 'Kontakt',
  'explorer.details.url': 'Webbplats',
  'explorer.details.description': 'Beskrivning',
  'explorer.details.source': 'Källa: {source}',
  'explorer.details.noSource': 'Källa saknas',
  'explorer.details.relations': 'Relationer ({count})',
  'explorer.details.noRelations': 'Inga relationer.',
  'explorer.details.hidden': '(dold av filter)',
  'explorer.details.showRelation': 'Relationen',
  'explorer.details.showRelationLabel': 'Visa relationen {relation}',
  'explorer.details.from': 'Från',
  'explorer.details.to': 'Till',
  'explorer.details.between': 'Mellan',
  'explorer.details.magnitude': 'Omfattning',
  'explorer.details.magnitudeUnknown': 'okänd omfattning',
  'explorer.details.magnitudeYear': '{value} ({year})',
  'explorer.details.score': 'Likhet',
  'explorer.details.note': 'Anteckning',
  'explorer.details.unknownNode': 'Okänd nod',
  'explorer.details.focus': 'Fokus',
  'explorer.details.close': 'Stäng',
  'explorer.details.show': 'Visa detaljer',
  'explorer.list.summary': 'Lista: {nodes} noder och {relations} relationer',
  'explorer.list.nodesCaption': 'Noder ({count})',
  'explorer.list.relationsCaption': 'Relationer ({count})',
  'explorer.list.title': 'Namn',
  'explorer.list.kind': 'Typ',
  'explorer.list.municipality': 'Kommun',
  'explorer.list.relation': 'Relation',
  'explorer.list.from': 'Från',
  'explorer.list.to': 'Till',
  'explorer.list.empty': 'Inget matchar filtren.',
  'explorer.legend.heading': 'Teckenförklaring',
  'explorer.legend.nodes': 'Noder',
  'explorer.legend.relations': 'Relationer',
  'explorer.legend.themes': 'Teman',

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
