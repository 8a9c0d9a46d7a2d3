// Map settings kept in this browser (localStorage): an optional online basemap.
// Without one, the map is fully offline.
const STORAGE_KEY = 'regionkartan.map.basemapStyleUrl';

/** A basemap style URL must be http(s); anything else is ignored (returns ''). */
export function parseBasemapUrl(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : '';
  return /^https?:\/\//i.test(text) && URL.canParse(text) ? text : '';
}

function stored(): string {
  try {
    return parseBasemapUrl(globalThis.localStorage?.getItem(STORAGE_KEY));
  } catch {
    return ''; // storage may be blocked
  }
}

class MapSettings {
  #basemapStyleUrl = $state(stored());

  /** '' = the offline map (the default). */
  get basemapStyleUrl(): string {
    return this.#basemapStyleUrl;
  }

  set basemapStyleUrl(value: string) {
    const url = parseBasemapUrl(value);
    this.#basemapStyleUrl = url;
    try {
      if (url) globalThis.localStorage?.setItem(STORAGE_KEY, url);
      else globalThis.localStorage?.removeItem(STORAGE_KEY);
    } catch {
      // Not persisted; the setting still applies to this page.
    }
  }
}

export const mapSettings = new MapSettings();
