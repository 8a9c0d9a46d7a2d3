// @ts-check
// The /live wire format: JSON messages over a WebSocket between server/live.js and
// LocalLiveChannel, one schema per message type, each way. Both ends decode with
// these (decode.js) and drop and count what does not fit; the types below are read
// from the schemas, so a change here is a change on both ends.
//
// Client → server                          Server → client
//   {type:'auth', token}                     {type:'hello', client_id, user_id}
//   {type:'subscribe', map_id, since?}       {type:'subscribed', map_id, role, last_id}
//   {type:'unsubscribe'}                     {type:'change', change:{id,map_id,table,row_id,op}}
//   {type:'presence', state:{display_name?,  {type:'resync', map_id, last_id}
//       selection?, following?}}             {type:'presence', map_id, members:[…]}
//   {type:'pong'}                            {type:'ping'} · {type:'error', code, message}
//   {type:'present', state|null}             {type:'presenter', map_id, user_id,
//                                                           display_name, state|null}
// `present` (presenters only: can_present) relays the presenter's live view (step and
// both cameras, presenterStateSchema) to the others on the map; null ends it.
// Unknown keys are ignored (left out of the decoded message).
import { z } from 'zod/mini';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The largest selection a presence message may carry, in characters of JSON. */
export const MAX_SELECTION_CHARS = 4096;
/** The largest view a presenter may relay, in characters of JSON. */
export const MAX_PRESENT_CHARS = 4096;

const uuid = z.string().check(z.regex(UUID_PATTERN));
/** A position in a map's audit log (`changes.id`). */
const changeId = z.int().check(z.gte(0));
/** Whatever the client has selected: opaque, small JSON (the UI checks its shape). */
const selection = z
  .unknown()
  .check(z.refine((value) => JSON.stringify(value ?? null).length <= MAX_SELECTION_CHARS));

/** One committed change, ids only: the rows are fetched through PostgREST, so RLS applies. */
export const wireChangeSchema = z.object({
  id: changeId,
  map_id: uuid,
  table: z.string(),
  row_id: uuid,
  op: z.enum(['insert', 'update', 'delete'])
});

/** What a client says about itself: a name (used when not signed in) and its selection. */
export const presenceStateSchema = z.object({
  display_name: z.optional(z.string()),
  selection: z.optional(selection),
  /** Following a live presentation (workshops). */
  following: z.optional(z.boolean())
});

/** Four finite numbers: a box (west, south, east, north degrees, or the graph's x1, y1, x2, y2). */
const box = z.tuple([z.number(), z.number(), z.number(), z.number()]);

/** A saved view: the explorer's query string (without the camera) and both cameras' boxes. */
export const stepViewSchema = z.object({
  query: z.string(),
  map: z.nullable(box),
  graph: z.nullable(box)
});

/** What a presenter relays live: the step shown and the whole view, both cameras included. */
export const presenterStateSchema = z
  .object({
    presentation_id: uuid,
    story_id: z.nullable(uuid),
    /** Index of the step shown (0-based); -1 = the free map, no story step. */
    step: z.int().check(z.gte(-1)),
    view: stepViewSchema,
    /** When the presenter sent it (ms since the epoch; for latency measurements). */
    sent_at: z.number()
  })
  .check(z.refine((value) => JSON.stringify(value).length <= MAX_PRESENT_CHARS));

/** One connection on a map, as the server lists them. */
export const presenceMemberSchema = z.object({
  client_id: z.string(),
  user_id: z.nullable(z.string()),
  display_name: z.string(),
  role: z.string(),
  selection: z.unknown(),
  following: z.optional(z.boolean())
});

export const clientMessageSchemas = {
  auth: z.object({ type: z.literal('auth'), token: z.string() }),
  subscribe: z.object({
    type: z.literal('subscribe'),
    map_id: uuid,
    /** The last change id already applied: the server replays what came after it. */
    since: z.optional(z.nullable(changeId))
  }),
  unsubscribe: z.object({ type: z.literal('unsubscribe') }),
  presence: z.object({ type: z.literal('presence'), state: presenceStateSchema }),
  /** A presenter's view for the others on the map; null = the presentation ended. */
  present: z.object({ type: z.literal('present'), state: z.nullable(presenterStateSchema) }),
  pong: z.object({ type: z.literal('pong') })
};

export const serverMessageSchemas = {
  hello: z.object({
    type: z.literal('hello'),
    client_id: z.string(),
    user_id: z.nullable(z.string())
  }),
  subscribed: z.object({
    type: z.literal('subscribed'),
    map_id: uuid,
    role: z.nullable(z.string()),
    last_id: changeId
  }),
  change: z.object({ type: z.literal('change'), change: wireChangeSchema }),
  /** Too much was missed to replay: reload the map. */
  resync: z.object({ type: z.literal('resync'), map_id: uuid, last_id: changeId }),
  presence: z.object({
    type: z.literal('presence'),
    map_id: uuid,
    members: z.array(presenceMemberSchema)
  }),
  /** A presenter's view, relayed (the last one is also sent on subscribe). */
  presenter: z.object({
    type: z.literal('presenter'),
    map_id: uuid,
    user_id: z.nullable(z.string()),
    display_name: z.string(),
    state: z.nullable(presenterStateSchema)
  }),
  ping: z.object({ type: z.literal('ping') }),
  error: z.object({ type: z.literal('error'), code: z.string(), message: z.string() })
};

/**
 * What each client tracks on a hosted Supabase Realtime presence channel (the same
 * member fields, written by other clients, so checked the same way).
 */
export const trackedPresenceSchema = z.object({
  user_id: z.nullish(z.string()),
  display_name: z.nullish(z.string()),
  role: z.nullish(z.string()),
  selection: z.optional(selection),
  following: z.optional(z.boolean())
});

/** A presenter's view as hosted Supabase broadcasts it (`presenter` event, unchecked by a server). */
export const broadcastPresenterSchema = z.object({
  user_id: z.nullable(z.string()),
  display_name: z.string(),
  state: z.nullable(presenterStateSchema)
});

/** @typedef {import('./decode.js').MessageOf<typeof clientMessageSchemas>} ClientMessage */
/** @typedef {import('./decode.js').MessageOf<typeof serverMessageSchemas>} ServerMessage */
/** @typedef {import('zod/mini').output<typeof wireChangeSchema>} WireChange */
/** @typedef {import('zod/mini').output<typeof presenceMemberSchema>} PresenceMember */
/** @typedef {import('zod/mini').input<typeof presenceStateSchema>} PresenceState */
/** @typedef {import('zod/mini').output<typeof stepViewSchema>} StepView */
/** @typedef {import('zod/mini').output<typeof presenterStateSchema>} PresenterState */
/** @typedef {import('zod/mini').output<typeof broadcastPresenterSchema>} PresenterMessage */
