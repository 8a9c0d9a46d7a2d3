-- Import: one call writes a whole checked import plan (new themes, nodes and
-- relations, merges into existing nodes, indicators, optionally the map's title)
-- in ONE transaction. A PostgREST RPC call is one transaction, so any error —
-- a constraint, a relation end that does not resolve, a node changed since the
-- preview — raises and nothing at all is written.
--
-- SECURITY INVOKER: every row is written as the caller, so RLS, the audit trigger
-- and the stamps apply exactly as for single edits. Only editors and admins of the
-- map may import; the explicit check gives a clear error (and stops viewers before
-- RLS would silently filter their updates).
--
-- p_payload:
--   { "map":        { "title", "description", "source" }            (optional; admins only, by RLS)
--     "themes":     [ { "key", "label_sv", "label_en", "description", "color", "sort_order", "source" } ],
--     "nodes":      [ { "key": "<temporary key>", "kind", "title", … } ],
--     "updates":    [ { "id", "version", "set": { <node columns to change> } } ],
--     "relations":  [ { "source_id" | "source_key", "target_id" | "target_key", "kind", … } ],
--     "indicators": [ { "municipality_code", "key", "label_sv", "label_en", "unit", "year", "value", "source" } ] }
-- Returns { "themes", "nodes", "updated", "relations", "indicators": counts,
--           "node_ids": { "<temporary key>": "<new uuid>" } }.

create function public.import_items(p_map_id uuid, p_payload jsonb) returns jsonb
language plpgsql security invoker set search_path = public as $$
declare
  node_ids jsonb := '{}'::jsonb;
  n_themes integer := 0;
  n_nodes integer := 0;
  n_updated integer := 0;
  n_relations integer := 0;
  n_indicators integer := 0;
  u jsonb;
  s jsonb;
  bad record;
begin
  if p_map_id is null or not public.can_edit_map(p_map_id) then
    raise exception 'only editors of the map can import into it' using errcode = '42501';
  end if;
  if jsonb_typeof(p_payload) is distinct from 'object' then
    raise exception 'the import payload must be a JSON object' using errcode = '22023';
  end if;

  -- The map's own title and description (restoring a backup).
  if p_payload ? 'map' then
    update public.maps set
      title = p_payload -> 'map' ->> 'title',
      description = coalesce(p_payload -> 'map' ->> 'description', ''),
      source = p_payload -> 'map' ->> 'source'
    where id = p_map_id;
    if not found then
      raise exception 'only an admin of the map can change its title' using errcode = '42501';
    end if;
  end if;

  -- Themes first, so that nodes and relations may use them.
  insert into public.themes (map_id, key, label_sv, label_en, description, color, sort_order, source)
  select p_map_id, t.key, t.label_sv, t.label_en, coalesce(t.description, ''), t.color,
         coalesce(t.sort_order, 0), t.source
  from jsonb_to_recordset(coalesce(p_payload -> 'themes', '[]'::jsonb))
    as t(key text, label_sv text, label_en text, description text, color text, sort_order integer, source text);
  get diagnostics n_themes = row_count;

  -- New nodes, each with a fresh id remembered under its temporary key.
  if exists (
    select 1 from jsonb_array_elements(coalesce(p_payload -> 'nodes', '[]'::jsonb)) e
    group by e ->> 'key' having count(*) > 1 or e ->> 'key' is null
  ) then
    raise exception 'every new node needs its own key' using errcode = '22023';
  end if;
  with input as materialized (
    select e.value as v, gen_random_uuid() as id
    from jsonb_array_elements(coalesce(p_payload -> 'nodes', '[]'::jsonb)) e
  ),
  inserted as (
    insert into public.nodes (id, map_id, kind, title, description, url, municipality_code, lon, lat,
                              themes, status, start_date, end_date, contact, source)
    select i.id, p_map_id, i.v ->> 'kind', i.v ->> 'title', coalesce(i.v ->> 'description', ''),
           i.v ->> 'url', i.v ->> 'municipality_code', (i.v ->> 'lon')::double precision,
           (i.v ->> 'lat')::double precision,
           coalesce(array(select jsonb_array_elements_text(i.v -> 'themes')), '{}'),
           coalesce(i.v ->> 'status', 'active'), (i.v ->> 'start_date')::date,
           (i.v ->> 'end_date')::date, coalesce(i.v ->> 'contact', ''), i.v ->> 'source'
    from input i
    returning 1
  )
  select (select count(*) from inserted), coalesce(jsonb_object_agg(i.v ->> 'key', i.id), '{}'::jsonb)
  into n_nodes, node_ids
  from input i;

  -- Merges into existing nodes, each only if it is still the version the preview showed.
  for u in select value from jsonb_array_elements(coalesce(p_payload -> 'updates', '[]'::jsonb)) loop
    s := coalesce(u -> 'set', '{}'::jsonb);
    update public.nodes n set
      description = case when s ? 'description' then coalesce(s ->> 'description', '') else n.description end,
      url = case when s ? 'url' then s ->> 'url' else n.url end,
      municipality_code = case when s ? 'municipality_code' then s ->> 'municipality_code' else n.municipality_code end,
      lon = case when s ? 'lon' then (s ->> 'lon')::double precision else n.lon end,
      lat = case when s ? 'lat' then (s ->> 'lat')::double precision else n.lat end,
      themes = case when s ? 'themes'
                    then coalesce(array(select jsonb_array_elements_text(s -> 'themes')), '{}')
                    else n.themes end,
      status = case when s ? 'status' then s ->> 'status' else n.status end,
      start_date = case when s ? 'start_date' then (s ->> 'start_date')::date else n.start_date end,
      end_date = case when s ? 'end_date' then (s ->> 'end_date')::date else n.end_date end,
      contact = case when s ? 'contact' then coalesce(s ->> 'contact', '') else n.contact end,
      source = case when s ? 'source' then s ->> 'source' else n.source end
    where n.id = (u ->> 'id')::uuid and n.map_id = p_map_id and n.deleted_at is null
      and n.version = (u ->> 'version')::integer;
    if not found then
      raise exception 'node % was changed or removed after the preview', u ->> 'id'
        using errcode = '40001';
    end if;
    n_updated := n_updated + 1;
  end loop;

  -- Relations: every end must be a node of this map or a key of a node created above.
  select e.ordinality as n, e.value as v into bad
  from jsonb_array_elements(coalesce(p_payload -> 'relations', '[]'::jsonb)) with ordinality e
  where coalesce(e.value ->> 'source_id', node_ids ->> (e.value ->> 'source_key')) is null
     or coalesce(e.value ->> 'target_id', node_ids ->> (e.value ->> 'target_key')) is null
  limit 1;
  if found then
    raise exception 'relation % refers to a node that is neither on the map nor in the import', bad.n
      using errcode = '23503';
  end if;
  insert into public.relations (map_id, source_id, target_id, kind, magnitude, unit, year, score,
                                themes, note, source)
  select p_map_id,
         coalesce(r.value ->> 'source_id', node_ids ->> (r.value ->> 'source_key'))::uuid,
         coalesce(r.value ->> 'target_id', node_ids ->> (r.value ->> 'target_key'))::uuid,
         r.value ->> 'kind', (r.value ->> 'magnitude')::numeric, r.value ->> 'unit',
         (r.value ->> 'year')::integer, (r.value ->> 'score')::numeric,
         coalesce(array(select jsonb_array_elements_text(r.value -> 'themes')), '{}'),
         coalesce(r.value ->> 'note', ''), r.value ->> 'source'
  from jsonb_array_elements(coalesce(p_payload -> 'relations', '[]'::jsonb)) r;
  get diagnostics n_relations = row_count;

  insert into public.indicators (map_id, municipality_code, key, label_sv, label_en, unit, year, value, source)
  select p_map_id, i.municipality_code, i.key, i.label_sv, i.label_en, coalesce(i.unit, ''), i.year,
         i.value, i.source
  from jsonb_to_recordset(coalesce(p_payload -> 'indicators', '[]'::jsonb))
    as i(municipality_code text, key text, label_sv text, label_en text, unit text, year text,
         value numeric, source text);
  get diagnostics n_indicators = row_count;

  return jsonb_build_object(
    'themes', n_themes, 'nodes', n_nodes, 'updated', n_updated,
    'relations', n_relations, 'indicators', n_indicators, 'node_ids', node_ids
  );
end
$$;

comment on function public.import_items(uuid, jsonb) is
  'Writes a checked import plan into a map in one transaction (all or nothing); editors only.';

revoke execute on function public.import_items(uuid, jsonb) from public, anon;
grant execute on function public.import_items(uuid, jsonb) to authenticated, service_role;
