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
