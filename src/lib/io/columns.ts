// Which header texts mean which field. Swedish, English and Kumu's conventions
// (Elements: Label, Type, Description, Tags; Connections: From, To, Type) are all
// accepted, case- and punctuation-insensitively. Unknown columns are ignored with
// a warning, so a Kumu workbook with extra fields still imports.

/** A node's fields, in the order export writes them. */
export const NODE_FIELDS = [
  'ref',
  'title',
  'kind',
  'description',
  'themes',
  'municipality_code',
  'municipality_name',
  'status',
  'start_date',
  'end_date',
  'url',
  'contact',
  'lon',
  'lat',
  'source'
] as const;
export type NodeField = (typeof NODE_FIELDS)[number];

/** A relation's fields, in the order export writes them. */
export const RELATION_FIELDS = [
  'ref',
  'from',
  'to',
  'kind',
  'magnitude',
  'unit',
  'year',
  'score',
  'themes',
  'note',
  'source'
] as const;
export type RelationField = (typeof RELATION_FIELDS)[number];

export const THEME_FIELDS = [
  'key',
  'label_sv',
  'label_en',
  'description',
  'color',
  'sort_order',
  'source'
] as const;
export type ThemeField = (typeof THEME_FIELDS)[number];

/** Fields a table cannot do without. */
export const REQUIRED_NODE_FIELDS: readonly NodeField[] = ['title', 'kind'];
export const REQUIRED_RELATION_FIELDS: readonly RelationField[] = ['from', 'to', 'kind'];
export const REQUIRED_THEME_FIELDS: readonly ThemeField[] = ['key', 'label_sv'];

const NODE_ALIASES: Record<NodeField, string[]> = {
  ref: ['id', 'nyckel', 'key', 'ref', 'referens'],
  title: ['label', 'namn', 'name', 'titel', 'title', 'benämning'],
  kind: ['type', 'typ', 'kind', 'sort', 'nodtyp', 'element type'],
  description: ['description', 'beskrivning', 'beskr'],
  themes: ['tags', 'tag', 'teman', 'tema', 'themes', 'theme', 'taggar'],
  municipality_code: ['kommunkod', 'municipality code', 'kommun kod', 'kod', 'kommunnummer'],
  municipality_name: ['kommun', 'municipality', 'hemkommun', 'kommunnamn'],
  url: ['url', 'webbplats', 'website', 'webb', 'länk', 'link', 'hemsida'],
  status: ['status', 'läge'],
  start_date: ['start', 'startdatum', 'start date', 'från datum', 'startar'],
  end_date: ['slut', 'slutdatum', 'end', 'end date', 'till datum', 'slutar'],
  contact: ['kontakt', 'contact', 'kontaktperson', 'kontaktuppgifter'],
  source: ['källa', 'source', 'källor', 'sources'],
  lon: ['lon', 'longitud', 'longitude', 'lng', 'x'],
  lat: ['lat', 'latitud', 'latitude', 'y']
};

const RELATION_ALIASES: Record<RelationField, string[]> = {
  ref: ['id', 'nyckel', 'key'],
  from: ['from', 'från', 'källnod', 'source node'],
  to: ['to', 'till', 'målnod', 'target node'],
  kind: ['type', 'typ', 'kind', 'relation', 'relationstyp', 'connection type'],
  magnitude: ['magnitude', 'omfattning', 'antal', 'storlek', 'strength'],
  unit: ['unit', 'enhet'],
  year: ['year', 'år', 'årtal'],
  score: ['score', 'likhet', 'poäng'],
  themes: ['tags', 'tag', 'teman', 'tema', 'themes', 'theme', 'taggar'],
  note: ['note', 'anteckning', 'description', 'beskrivning', 'kommentar'],
  source: ['källa', 'source', 'källor']
};

const THEME_ALIASES: Record<ThemeField, string[]> = {
  key: ['key', 'nyckel', 'id'],
  label_sv: ['label sv', 'namn sv', 'svenska', 'label', 'namn', 'benämning'],
  label_en: ['label en', 'namn en', 'engelska', 'english'],
  description: ['description', 'beskrivning'],
  color: ['color', 'colour', 'färg'],
  sort_order: ['sort order', 'ordning', 'sortering', 'order'],
  source: ['källa', 'source']
};

/** The comparable form of a header text: lower case, no punctuation, single spaces. */
export function headerForm(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[_\-./:()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface ColumnMapping<F extends string> {
  /** field → column index in the row. */
  index: Partial<Record<F, number>>;
  /** field → header text as written (for messages). */
  header: Partial<Record<F, string>>;
  /** Columns no field uses (shown as a warning). */
  unknown: { index: number; header: string }[];
  /** A field named by two columns: the first one wins. */
  duplicates: { field: F; header: string }[];
}

function mapColumns<F extends string>(
  header: readonly string[],
  aliases: Record<F, string[]>
): ColumnMapping<F> {
  const lookup = new Map<string, F>();
  for (const [field, names] of Object.entries(aliases) as [F, string[]][]) {
    for (const name of names)
      if (!lookup.has(headerForm(name))) lookup.set(headerForm(name), field);
  }
  const mapping: ColumnMapping<F> = { index: {}, header: {}, unknown: [], duplicates: [] };
  header.forEach((text, index) => {
    const form = headerForm(text);
    if (form === '') return;
    const field = lookup.get(form);
    if (!field) mapping.unknown.push({ index, header: text });
    else if (mapping.index[field] !== undefined) mapping.duplicates.push({ field, header: text });
    else {
      mapping.index[field] = index;
      mapping.header[field] = text.trim();
    }
  });
  return mapping;
}

export const mapNodeColumns = (header: readonly string[]) => mapColumns(header, NODE_ALIASES);
export const mapRelationColumns = (header: readonly string[]) =>
  mapColumns(header, RELATION_ALIASES);
export const mapThemeColumns = (header: readonly string[]) => mapColumns(header, THEME_ALIASES);

/** A header that has From and To columns describes relations, anything else nodes. */
export function looksLikeRelations(header: readonly string[]): boolean {
  const m = mapRelationColumns(header);
  return m.index.from !== undefined && m.index.to !== undefined;
}

/** The column headers written on export, per language. XLSX uses Kumu's names. */
export const EXPORT_HEADERS = {
  sv: {
    nodes: {
      ref: 'ID',
      title: 'Namn',
      kind: 'Typ',
      description: 'Beskrivning',
      themes: 'Teman',
      municipality_code: 'Kommunkod',
      municipality_name: 'Kommun',
      url: 'Webbplats',
      status: 'Status',
      start_date: 'Startdatum',
      end_date: 'Slutdatum',
      contact: 'Kontakt',
      source: 'Källa',
      lon: 'Longitud',
      lat: 'Latitud'
    },
    relations: {
      ref: 'ID',
      from: 'Från',
      to: 'Till',
      kind: 'Typ',
      magnitude: 'Omfattning',
      unit: 'Enhet',
      year: 'År',
      score: 'Likhet',
      themes: 'Teman',
      note: 'Anteckning',
      source: 'Källa'
    }
  },
  en: {
    nodes: {
      ref: 'ID',
      title: 'Name',
      kind: 'Type',
      description: 'Description',
      themes: 'Themes',
      municipality_code: 'Municipality code',
      municipality_name: 'Municipality',
      url: 'Website',
      status: 'Status',
      start_date: 'Start date',
      end_date: 'End date',
      contact: 'Contact',
      source: 'Source',
      lon: 'Longitude',
      lat: 'Latitude'
    },
    relations: {
      ref: 'ID',
      from: 'From',
      to: 'To',
      kind: 'Type',
      magnitude: 'Magnitude',
      unit: 'Unit',
      year: 'Year',
      score: 'Score',
      themes: 'Themes',
      note: 'Note',
      source: 'Source'
    }
  },
  kumu: {
    nodes: {
      ref: 'ID',
      title: 'Label',
      kind: 'Type',
      description: 'Description',
      themes: 'Tags',
      municipality_code: 'Kommunkod',
      municipality_name: 'Kommun',
      url: 'URL',
      status: 'Status',
      start_date: 'Startdatum',
      end_date: 'Slutdatum',
      contact: 'Kontakt',
      source: 'Källa',
      lon: 'Longitud',
      lat: 'Latitud'
    },
    relations: {
      ref: 'ID',
      from: 'From',
      to: 'To',
      kind: 'Type',
      magnitude: 'Omfattning',
      unit: 'Enhet',
      year: 'År',
      score: 'Likhet',
      themes: 'Tags',
      note: 'Description',
      source: 'Källa'
    }
  }
} as const satisfies Record<
  string,
  { nodes: Record<NodeField, string>; relations: Record<RelationField, string> }
>;
export type HeaderStyle = keyof typeof EXPORT_HEADERS;

/** Column order on export. */
export const NODE_EXPORT_ORDER: readonly NodeField[] = NODE_FIELDS;
export const RELATION_EXPORT_ORDER: readonly RelationField[] = RELATION_FIELDS;
