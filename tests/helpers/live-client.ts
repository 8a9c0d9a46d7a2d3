// A test client of /live that records every message it receives.
import WebSocket from 'ws';

export interface Message {
  type: string;
  [key: string]: unknown;
}
export interface Change {
  id: number;
  map_id: string;
  table: string;
  row_id: string;
  op: string;
}

/** A test client of /live that records every message. */
export class LiveClient {
  readonly messages: { message: Message }[] = [];
  #waiters: { test: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Message;
      this.messages.push({ message });
      for (const waiter of [...this.#waiters]) {
        if (waiter.test(message)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    });
  }

  static async open(url: string, token?: string): Promise<LiveClient> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/live`);
    const client = new LiveClient(ws);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    if (token) {
      ws.send(JSON.stringify({ type: 'auth', token }));
      await client.next((m) => m.type === 'hello' && m.user_id !== null);
    }
    return client;
  }

  send(message: unknown) {
    this.ws.send(JSON.stringify(message));
  }

  next(test: (m: Message) => boolean, timeoutMs = 20_000): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching message in time')), timeoutMs);
      this.#waiters.push({
        test,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        }
      });
    });
  }

  /** Like next, but also matches a message that has already arrived. */
  waitFor(test: (m: Message) => boolean, timeoutMs = 20_000): Promise<Message> {
    const seen = this.messages.find((m) => test(m.message));
    return seen ? Promise.resolve(seen.message) : this.next(test, timeoutMs);
  }

  /**
   * Resolves once everything the server had sent this client before now has
   * arrived: the answer to a request (a malformed subscription, refused without
   * changing anything) comes through the same socket after it.
   */
  async flush(): Promise<void> {
    const answer = this.next((m) => m.type === 'error' && m.code === 'bad_request');
    this.send({ type: 'subscribe', map_id: 'flush' });
    await answer;
  }

  async subscribe(mapId: string, since?: number | null): Promise<Message> {
    const reply = this.next((m) => m.type === 'subscribed' || m.type === 'error');
    this.send({ type: 'subscribe', map_id: mapId, since });
    return reply;
  }

  changes(): Change[] {
    return this.messages
      .filter((m) => m.message.type === 'change')
      .map((m) => m.message.change as Change);
  }

  close() {
    this.ws.close();
  }
}
