// Graph positions stored per map (node_positions), written through supabase-js so
// RLS applies: a map's editors place and move its nodes. Every failure is a DataError.
import type { DataClient } from './client';
import { unwrap } from './errors';

export interface Placement {
  /** The node's id (a position's id is its node's). */
  id: string;
  x: number;
  y: number;
}

/** Stores where these nodes sit in the map's graph (inserted, or moved). */
export async function savePositions(
  client: DataClient,
  mapId: string,
  placements: readonly Placement[]
): Promise<void> {
  if (!placements.length) return;
  unwrap(
    await client
      .from('node_positions')
      .upsert(placements.map((p) => ({ id: p.id, map_id: mapId, x: p.x, y: p.y })))
      .select('id')
  );
}
