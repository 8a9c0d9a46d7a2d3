// The explorer's UrlPort over the browser history. SvelteKit's shallow routing
// (pushState/replaceState) writes history entries but leaves `page.url` at the
// address the page was loaded with, so a view held in `page.url` would not
// follow its own changes. This port keeps the current address itself: it
// changes with every push and replace, and is read again from the browser after
// back/forward or a navigation (sync()).
import { SvelteURL } from 'svelte/reactivity';
import type { UrlPort } from './explorer.svelte';

export interface HistoryApi {
  /** The address the browser shows (location.href). */
  href(): string;
  /** Adds a history entry without navigating ($app/navigation pushState). */
  push(url: URL): void;
  /** Rewrites the current history entry ($app/navigation replaceState). */
  replace(url: URL): void;
}

export class HistoryUrl implements UrlPort {
  #api: HistoryApi;
  #current: SvelteURL;

  constructor(api: HistoryApi) {
    this.#api = api;
    this.#current = new SvelteURL(api.href());
  }

  url(): URL {
    return this.#current;
  }

  push(url: URL): void {
    this.#api.push(url);
    this.#current.href = url.href;
  }

  replace(url: URL): void {
    this.#api.replace(url);
    this.#current.href = url.href;
  }

  /** After back/forward or a navigation: follow the address the browser now shows. */
  sync(): void {
    const href = this.#api.href();
    if (href !== this.#current.href) this.#current.href = href;
  }
}
