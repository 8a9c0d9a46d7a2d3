import type { Messages } from './sv';

export const en = {
  'app.name': 'Regionkartan',
  'app.tagline': 'School collaboration in Örebro County',
  'app.skipToContent': 'Skip to content',

  'language.label': 'Language',
  'language.sv': 'Svenska',
  'language.en': 'English',

  'footer.attribution': 'Sources and licences',
  'footer.about': 'Regionkartan is open source.',
  'footer.licence': 'Licence',
  'attribution.documents':
    'Content: documents from the collaboration in Örebro County, with a source for every item',

  'nodeKind.municipality': 'Municipality',
  'nodeKind.organisation': 'Organisation',
  'nodeKind.network': 'Network or forum',
  'nodeKind.project': 'Project or activity',
  'nodeKind.resource': 'Resource',
  'nodeKind.event': 'Event or meeting',

  'nodeKinds.municipality': 'Municipalities',
  'nodeKinds.organisation': 'Organisations',
  'nodeKinds.network': 'Networks and forums',
  'nodeKinds.project': 'Projects and activities',
  'nodeKinds.resource': 'Resources',
  'nodeKinds.event': 'Events and meetings',

  'relationKind.flows_to': 'Flows to',
  'relationKind.similar_to': 'Similar to',
  'relationKind.member_of': 'Member of',
  'relationKind.participates_in': 'Participates in',
  'relationKind.leads': 'Leads',
  'relationKind.hosts': 'Hosts',
  'relationKind.assists': 'Assists',
  'relationKind.prepares_for': 'Prepares for',
  'relationKind.part_of': 'Part of',
  'relationKind.partner_of': 'Partner of',
  'relationKind.collaborates_with': 'Collaborates with',
  'relationKind.funds': 'Funds',

  'status.planned': 'Planned',
  'status.active': 'Active',
  'status.dormant': 'Dormant',
  'status.ended': 'Ended',

  'map.ariaLabel':
    'Map of Örebro County. Arrow keys move the map, plus and minus zoom. The list view shows the same content.',
  'map.attribution': 'Source: Statistics Sweden (CC0) · © OpenStreetMap contributors (ODbL)',
  'map.toggleAttribution': 'Show or hide sources',
  'map.zoomIn': 'Zoom in',
  'map.zoomOut': 'Zoom out',
  'map.loading': 'Loading the map …',
  'map.error': 'The map could not be shown. The list view shows the same content.',

  'io.error.tooLarge':
    'The file is {size} MB. The largest file that can be imported is {limit} MB. Split it into smaller files, for example one for nodes and one for relations.',
  'io.error.notUtf8':
    'The file is not saved as UTF-8 (a bad character on line {line}). Save it as UTF-8 or choose Windows-1252 as the encoding.',
  'io.error.binaryNotCsv':
    'The file is not a text (CSV) file. Is it an Excel file? Choose it as .xlsx, or save it as CSV in Excel.',
  'io.error.empty': 'The file is empty.',
  'io.error.noHeader':
    'The first line of the file should hold the column headers (for example Name and Type), but it is empty.',
  'io.error.unclosedQuote':
    'Row {row}: a quotation mark (") is opened but never closed, so the rest of the file cannot be read. Check the quotation marks on row {row}.',
  'io.error.oldExcel':
    'The file is in the old Excel format (.xls). Save it as an Excel workbook (.xlsx) or as CSV and try again.',
  'io.error.notXlsx':
    'The file could not be read as an Excel workbook (.xlsx). It may be damaged or in another format.',
  'io.error.noSheets':
    'The workbook has no Elements (nodes) or Connections (relations) sheet. Sheets found: {sheets}.',
  'io.error.invalidJson': 'The file is not valid JSON and cannot be read as a backup.',
  'io.error.notBackup': 'The JSON file is not a Regionkartan backup.',
  'io.error.backupVersion':
    'The backup has version {version}, which this version of Regionkartan cannot read.',
  'io.error.noFile': 'Choose a file to import.',
  'io.error.mixedFiles':
    'Choose either one Excel file, one backup (JSON) or one or more CSV files – not a mix.',
  'io.problem.missingColumn':
    'The column {column} is missing. The file needs at least the columns: {required}.',
  'io.problem.unknownColumn': 'The column {column} is not recognised and is not imported.',
  'io.problem.duplicateColumn': 'The column {column} appears twice; only the first is imported.',
  'io.problem.extraCells':
    'Row {row} has {count} cells but the header only {expected}. Perhaps a cell containing the separator is not quoted.',
  'io.problem.required': 'Row {row}, column {column}: a value is missing.',
  'io.problem.tooLong': 'Row {row}, column {column}: the text is longer than {max} characters.',
  'io.problem.formula':
    "Row {row}, column {column}: the cell looks like a formula ('{value}'). Start it with an apostrophe (') if it is meant as text.",
  'io.problem.unknownKind':
    "Row {row}, column {column}: unknown type '{value}' – use one of: {allowed}.",
  'io.problem.unknownRelationKind':
    "Row {row}, column {column}: unknown relation type '{value}' – use one of: {allowed}.",
  'io.problem.unknownStatus':
    "Row {row}, column {column}: unknown status '{value}' – use one of: {allowed}.",
  'io.problem.unknownTheme':
    "Row {row}, column {column}: unknown theme '{value}' – use one of: {allowed}.",
  'io.problem.unknownThemeKey': "Row {row}: unknown theme '{value}' – the map has: {allowed}.",
  'io.problem.invalidUrl':
    "Row {row}, column {column}: '{value}' is not a web address. It should start with https://.",
  'io.problem.urlFixed': "Row {row}, column {column}: https:// was added before '{value}'.",
  'io.problem.invalidMunicipalityCode':
    "Row {row}, column {column}: '{value}' is not a municipality code (four digits, for example 1880).",
  'io.problem.unknownMunicipality':
    "Row {row}, column {column}: unknown municipality '{value}'. Write its name as on the map, or its code.",
  'io.problem.municipalityNeedsCode':
    'Row {row}, column {column}: a municipality needs a municipality code.',
  'io.problem.invalidLongitude':
    "Row {row}, column {column}: '{value}' is not a longitude (−180 to 180).",
  'io.problem.invalidLatitude':
    "Row {row}, column {column}: '{value}' is not a latitude (−90 to 90).",
  'io.problem.coordinatePair':
    'Row {row}, column {column}: give both longitude and latitude, or neither.',
  'io.problem.invalidDate':
    "Row {row}, column {column}: '{value}' is not a date. Write dates as YYYY-MM-DD.",
  'io.problem.endBeforeStart':
    'Row {row}, column {column}: the end date {end} is before the start date {start}.',
  'io.problem.duplicateRef': "Row {row}, column {column}: '{value}' is already on row {first}.",
  'io.problem.duplicateRow':
    "Row {row}, column {column}: '{value}' with the same municipality is already on row {first}.",
  'io.problem.selfRelation':
    "Row {row}, column {column}: a relation cannot go from '{value}' to itself.",
  'io.problem.notANumber': "Row {row}, column {column}: '{value}' is not a number.",
  'io.problem.negative': 'Row {row}, column {column}: the value cannot be negative.',
  'io.problem.scoreRange': 'Row {row}, column {column}: the similarity must be between 0 and 1.',
  'io.problem.yearRange':
    'Row {row}, column {column}: {value} is not a year between 1900 and 2100.',
  'io.problem.invalidThemeKey':
    "Row {row}, column {column}: '{value}' cannot be a theme key (a–z, digits and hyphens).",
  'io.problem.invalidColor':
    "Row {row}, column {column}: '{value}' is not a colour. Write it as #RRGGBB, for example #1565c0.",
  'io.problem.unknownNode':
    "Row {row}, column {column}: '{value}' is neither in the file nor on the map. Check the spelling.",
  'io.problem.ambiguousNode':
    "Row {row}, column {column}: '{value}' matches {count} nodes. Use the node's ID instead of its name.",
  'io.problem.municipalityExists':
    'Row {row}: the map already has a municipality with code {code} ({title}).',
  'io.problem.kindDiffers':
    "Row {row}: '{value}' is already on the map with another type; the type is not changed.",
  'io.problem.backupField': 'The backup is invalid at {path}.',
  'io.progress.reading': 'Reading the file …',
  'io.progress.validating': 'Checking row {done} of {total} …',
  'io.progress.planning': 'Comparing with the map …',
  'io.progress.saving': 'Saving …',
  'io.progress.done': 'Done.',
  'io.apply.blocked': 'Fix the errors in the preview first. Nothing has been saved.',
  'io.apply.permission': 'You need to be an editor of the map to import. Nothing has been saved.',
  'io.apply.conflict':
    'Someone changed one of the matched items after the preview. Nothing has been saved – import the file again.',
  'io.apply.reference': 'A relation refers to a node that does not exist. Nothing has been saved.',
  'io.apply.unique':
    'Something in the file is already on the map (for example the same municipality or indicator). Nothing has been saved.',
  'io.apply.check': 'The database did not accept every value. Nothing has been saved.',
  'io.apply.network': 'The server could not be reached. Nothing has been saved – try again.',
  'io.apply.failed': 'The import failed. Nothing has been saved.',
  'io.apply.done': 'Imported: {nodes} new nodes, {updated} updated and {relations} new relations.',

  'coverage.heading': 'Coverage by municipality and theme',
  'coverage.rule':
    'How it is counted: for each municipality and theme, we count the active resources, networks, projects, organisations and events (not the municipalities themselves) that have the theme and that either belong to the municipality or that the municipality is a member of or participates in. Each resource counts once per cell, and once in the total.',
  'coverage.municipality': 'Municipality',
  'coverage.code': 'Municipality code',
  'coverage.total': 'Total',
  'coverage.gap': 'None',
  'coverage.cell': '{count} for {theme} in {municipality}',
  'coverage.overlaps.heading': 'Networks with the same members',
  'coverage.overlaps.shared': '{count} shared members',

  'overview.loading': 'Loading the map …',
  'overview.loaded': 'The map has loaded.',
  'overview.noDescription': 'The map has no description.',
  'overview.nodesCaption': 'Nodes by kind',
  'overview.relationsCaption': 'Relations by kind',
  'overview.kindColumn': 'Kind',
  'overview.countColumn': 'Count',
  'overview.total': 'Total',
  'overview.otherFacts': 'Themes and indicators',
  'overview.themes': 'Themes',
  'overview.indicators': 'Indicators',
  'overview.sourcesHeading': 'Sources',
  'overview.sourcesIntro':
    'Every item on the map names its source. This many items cite each source:',
  'overview.sourceItems.one': '1 item',
  'overview.sourceItems.other': '{count} items',
  'overview.noSources': 'No item names a source.',
  'overview.uncited.one': '1 item has no source.',
  'overview.uncited.other': '{count} items have no source.',
  'overview.retry': 'Try again',
  'overview.errorHeading': 'The map could not be loaded',

  'explorer.pageTitle': 'Explore – Regionkartan',
  'explorer.heading': 'Explore the map',
  'explorer.nav': 'Explore the map',
  'explorer.navLabel': 'Main menu',
  'explorer.cta': 'Explore the map',
  'explorer.ctaText':
    'See the collaboration on a map and as a network graph, filter by theme, municipality and type, and read the details with their sources.',
  'explorer.filters.heading': 'Filters',
  'explorer.filters.themes': 'Themes',
  'explorer.filters.nodeKinds': 'Types',
  'explorer.filters.relationKinds': 'Relations',
  'explorer.filters.municipalities': 'Municipalities',
  'explorer.filters.statuses': 'Status',
  'explorer.filters.search': 'Search',
  'explorer.filters.searchHint': 'Searches names, descriptions and contacts.',
  'explorer.filters.selected': '{count} selected',
  'explorer.filters.clear': 'Clear all filters',
  'explorer.count':
    'Showing {nodes} of {totalNodes} nodes and {relations} of {totalRelations} relations',
  'explorer.view.label': 'View',
  'explorer.view.split': 'Split view',
  'explorer.view.map': 'Map',
  'explorer.view.graph': 'Graph',
  'explorer.view.list': 'List',
  'explorer.view.mapRegion': 'Map view',
  'explorer.view.graphRegion': 'Graph view',
  'explorer.layout.label': 'Graph layout',
  'explorer.layout.fcose': 'Force-directed',
  'explorer.layout.geo': 'Geographic',
  'explorer.layout.hierarchy': 'Hierarchy',
  'explorer.focus.label': 'Focus',
  'explorer.focus.0': 'Off',
  'explorer.focus.1': '1 step',
  'explorer.focus.2': '2 steps',
  'explorer.zoom.selection': 'Zoom to',
  'explorer.zoom.all': 'Show all',
  'explorer.export.map': 'Export map (PNG)',
  'explorer.export.graph': 'Export graph (PNG)',
  'explorer.export.busy': 'Exporting …',
  'explorer.export.done': 'Saved the image {file}.',
  'explorer.export.failed': 'The image could not be created. Please try again.',
  'explorer.details.heading': 'Details',
  'explorer.details.empty':
    'Select something on the map, in the graph or in the list to see its details here.',
  'explorer.details.notFound': 'The selected item is not (or no longer) on this map.',
  'explorer.details.kind': 'Type',
  'explorer.details.municipality': 'Municipality',
  'explorer.details.themes': 'Themes',
  'explorer.details.status': 'Status',
  'explorer.details.start': 'Start',
  'explorer.details.end': 'End',
  'explorer.details.contact': 'Contact',
  'explorer.details.url': 'Website',
  'explorer.details.description': 'Description',
  'explorer.details.source': 'Source: {source}',
  'explorer.details.noSource': 'No source given',
  'explorer.details.relations': 'Relations ({count})',
  'explorer.details.noRelations': 'No relations.',
  'explorer.details.hidden': '(hidden by the filters)',
  'explorer.details.showRelation': 'Relation',
  'explorer.details.showRelationLabel': 'Show the relation {relation}',
  'explorer.details.from': 'From',
  'explorer.details.to': 'To',
  'explorer.details.between': 'Between',
  'explorer.details.magnitude': 'Magnitude',
  'explorer.details.magnitudeUnknown': 'unknown magnitude',
  'explorer.details.magnitudeYear': '{value} ({year})',
  'explorer.details.score': 'Similarity',
  'explorer.details.note': 'Note',
  'explorer.details.unknownNode': 'Unknown node',
  'explorer.details.focus': 'Focus',
  'explorer.details.close': 'Close',
  'explorer.details.show': 'Show details',
  'explorer.list.summary': 'List: {nodes} nodes and {relations} relations',
  'explorer.list.nodesCaption': 'Nodes ({count})',
  'explorer.list.relationsCaption': 'Relations ({count})',
  'explorer.list.title': 'Name',
  'explorer.list.kind': 'Type',
  'explorer.list.municipality': 'Municipality',
  'explorer.list.relation': 'Relation',
  'explorer.list.from': 'From',
  'explorer.list.to': 'To',
  'explorer.list.empty': 'Nothing matches the filters.',
  'explorer.legend.heading': 'Legend',
  'explorer.legend.nodes': 'Nodes',
  'explorer.legend.relations': 'Relations',
  'explorer.legend.themes': 'Themes',

  'error.config.unreachable':
    'Could not reach the Regionkartan server. Check that it is running (npm start) and that you are on the same network.',
  'error.config.invalid':
    "The server's settings (config.json) are incomplete or invalid. Contact whoever runs the map.",
  'error.network':
    'Could not reach the database. Check your network connection and that the server is running.',
  'error.aborted': 'The request was cancelled.',
  'error.auth': 'Your sign-in is no longer valid. Please sign in again.',
  'error.permission': 'You do not have permission to do this.',
  'error.check': 'The values do not meet the requirements. Check the fields and try again.',
  'error.foreignKey': 'The item refers to something that does not exist (any more).',
  'error.unique': 'An item with the same value already exists.',
  'error.notFound': 'The item does not exist, or you do not have permission to see it.',
  'error.conflict': 'Someone else changed this item at the same time. See the latest version.',
  'error.invalidData': 'The database answered with data the app does not recognise.',
  'error.unavailable': 'The server is not ready yet. Wait a moment and try again.',
  'error.unknown': 'Something went wrong. Please try again.'
} as const satisfies Messages;
