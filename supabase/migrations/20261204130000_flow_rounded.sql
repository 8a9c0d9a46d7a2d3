-- Flows (issue 12): whether a relation's magnitude was rounded (statistics are
-- often published rounded to protect individuals, e.g. to the nearest 5), null
-- when the source does not say. The import writes it, and a flow imported again
-- for the same pair, year and unit updates the relation it already has
-- (`relation_updates`: magnitude, rounded, source, at the version the preview
-- saw) instead of adding a second one. import_items and import_staged are those
-- of 20261122150000_import_speed.sql with these additions; RLS and the audit
-- trigger are unchanged (the function is SECURITY INVOKER). Plain ALTER TABLE,
-- so it applies to hosted Supabase.

alter table public.relations add column rounded boolean;
comment on column public.relations.rounded is
  'The magnitude was rounded (true), is exact (false), or the source does not say (null).';

-- ---------------------------------------------------------------------------
-- import_items: relations carry `rounded`; `relation_updates` change existing ones.
-- ---------------------------------------------------------------------------

create or replace function public.import_items(p_map_id uuid, p_payload jsonb) returns jsonb
language plpgsql security invoker set search_path = public as $$
declare
  node_ids jsonb := '{}'::jsonb;
  n_themes integer := 0;
  n_nodes integer := 0;
  n_wanted integer := 0;
  n_updated integer := 0;
  n_relations integer := 0;
  n_relations_updated integer := 0;
  n_indicators integer := 0;
  stale text;
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

  -- Merges into existing nodes, each only if it is still the version the preview
  -- showed. A node that changed, was removed, or is named twice is not updated
  -- (twice: the second sees a newer version), so fewer rows than asked → 40001.
  with input as materialized (
    select (e.value ->> 'id')::uuid as id, (e.value ->> 'version')::integer as version,
           coalesce(e.value -> 'set', '{}'::jsonb) as s, e.ordinality as n
    from jsonb_array_elements(coalesce(p_payload -> 'updates', '[]'::jsonb)) with ordinality e
  ),
  changed as (
    update public.nodes n set
      description = case when i.s ? 'description' then coalesce(i.s ->> 'description', '') else n.description end,
      url = case when i.s ? 'url' then i.s ->> 'url' else n.url end,
      municipality_code = case when i.s ? 'municipality_code' then i.s ->> 'municipality_code' else n.municipality_code end,
      lon = case when i.s ? 'lon' then (i.s ->> 'lon')::double precision else n.lon end,
      lat = case when i.s ? 'lat' then (i.s ->> 'lat')::double precision else n.lat end,
      themes = case when i.s ? 'themes'
                    then coalesce(array(select jsonb_array_elements_text(i.s -> 'themes')), '{}')
                    else n.themes end,
      status = case when i.s ? 'status' then i.s ->> 'status' else n.status end,
      start_date = case when i.s ? 'start_date' then (i.s ->> 'start_date')::date else n.start_date end,
      end_date = case when i.s ? 'end_date' then (i.s ->> 'end_date')::date else n.end_date end,
      contact = case when i.s ? 'contact' then coalesce(i.s ->> 'contact', '') else n.contact end,
      source = case when i.s ? 'source' then i.s ->> 'source' else n.source end
    from input i
    where n.id = i.id and n.map_id = p_map_id and n.deleted_at is null and n.version = i.version
    returning n.id
  )
  select (select count(*) from input), (select count(*) from changed),
         (select d.id::text
          from (select i.id, i.n, count(*) over (partition by i.id) as times from input i) d
          where d.id is null or d.times > 1 or d.id not in (select c.id from changed c)
          order by d.n limit 1)
  into n_wanted, n_updated, stale;
  if n_updated < n_wanted then
    raise exception 'node % was changed or removed after the preview', coalesce(stale, '?')
      using errcode = '40001';
  end if;

  if jsonb_array_length(coalesce(p_payload -> 'relations', '[]'::jsonb)) > 0 then
    perform public.import_refresh_statistics(p_map_id);
  end if;

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
                                themes, note, source, rounded)
  select p_map_id,
         coalesce(r.value ->> 'source_id', node_ids ->> (r.value ->> 'source_key'))::uuid,
         coalesce(r.value ->> 'target_id', node_ids ->> (r.value ->> 'target_key'))::uuid,
         r.value ->> 'kind', (r.value ->> 'magnitude')::numeric, r.value ->> 'unit',
         (r.value ->> 'year')::integer, (r.value ->> 'score')::numeric,
         coalesce(array(select jsonb_array_elements_text(r.value -> 'themes')), '{}'),
         coalesce(r.value ->> 'note', ''), r.value ->> 'source', (r.value ->> 'rounded')::boolean
  from jsonb_array_elements(coalesce(p_payload -> 'relations', '[]'::jsonb)) r;
  get diagnostics n_relations = row_count;

  -- New values for existing relations (a flow of the same pair, year and unit
  -- imported again): magnitude, rounded and source, each only at the version the
  -- preview showed, else 40001 and nothing is written (as the node merges above).
  with input as materialized (
    select (e.value ->> 'id')::uuid as id, (e.value ->> 'version')::integer as version,
           coalesce(e.value -> 'set', '{}'::jsonb) as s, e.ordinality as n
    from jsonb_array_elements(coalesce(p_payload -> 'relation_updates', '[]'::jsonb)) with ordinality e
  ),
  changed as (
    update public.relations r set
      magnitude = case when i.s ? 'magnitude' then (i.s ->> 'magnitude')::numeric else r.magnitude end,
      rounded = case when i.s ? 'rounded' then (i.s ->> 'rounded')::boolean else r.rounded end,
      source = case when i.s ? 'source' then i.s ->> 'source' else r.source end
    from input i
    where r.id = i.id and r.map_id = p_map_id and r.deleted_at is null and r.version = i.version
    returning r.id
  )
  select (select count(*) from input), (select count(*) from changed),
         (select d.id::text
          from (select i.id, i.n, count(*) over (partition by i.id) as times from input i) d
          where d.id is null or d.times > 1 or d.id not in (select c.id from changed c)
          order by d.n limit 1)
  into n_wanted, n_relations_updated, stale;
  if n_relations_updated < n_wanted then
    raise exception 'relation % was changed or removed after the preview', coalesce(stale, '?')
      using errcode = '40001';
  end if;

  insert into public.indicators (map_id, municipality_code, key, label_sv, label_en, unit, year, value, source)
  select p_map_id, i.municipality_code, i.key, i.label_sv, i.label_en, coalesce(i.unit, ''), i.year,
         i.value, i.source
  from jsonb_to_recordset(coalesce(p_payload -> 'indicators', '[]'::jsonb))
    as i(municipality_code text, key text, label_sv text, label_en text, unit text, year text,
         value numeric, source text);
  get diagnostics n_indicators = row_count;

  return jsonb_build_object(
    'themes', n_themes, 'nodes', n_nodes, 'updated', n_updated,
    'relations', n_relations, 'relations_updated', n_relations_updated,
    'indicators', n_indicators, 'node_ids', node_ids
  );
end
$$;

-- ---------------------------------------------------------------------------
-- import_staged: also joins the parts' relation_updates.
-- ---------------------------------------------------------------------------

create or replace function public.import_staged(p_map_id uuid, p_import_id uuid, p_parts integer) returns jsonb
language plpgsql security invoker set search_path = public as $$
declare
  n_found integer;
  payload jsonb;
begin
  if p_map_id is null or not public.can_edit_map(p_map_id) then
    raise exception 'only editors of the map can import into it' using errcode = '42501';
  end if;
  delete from public.import_parts
  where created_by = auth.uid() and created_at < now() - interval '1 day';

  select count(*) into n_found
  from public.import_parts p
  where p.import_id = p_import_id and p.map_id = p_map_id and p.part < p_parts;
  if p_parts is null or p_parts < 1 or n_found <> p_parts then
    raise exception 'the import has % of % parts', n_found, p_parts using errcode = '22023';
  end if;

  with parts as materialized (
    select p.part, p.payload from public.import_parts p
    where p.import_id = p_import_id and p.map_id = p_map_id
  ),
  items as (
    select k.key,
           coalesce(jsonb_agg(e.value order by p.part, e.ordinality) filter (where e.value is not null),
                    '[]'::jsonb) as list
    from unnest(array['themes', 'nodes', 'updates', 'relations', 'relation_updates', 'indicators']) as k(key)
    left join parts p on p.payload ? k.key
    left join lateral jsonb_array_elements(p.payload -> k.key) with ordinality e on true
    group by k.key
  )
  select jsonb_object_agg(items.key, items.list)
         || coalesce((select jsonb_build_object('map', p.payload -> 'map') from parts p
                      where p.payload ? 'map' order by p.part limit 1), '{}'::jsonb)
  into payload
  from items;

  delete from public.import_parts where import_id = p_import_id;
  return public.import_items(p_map_id, payload);
end
$$;
