-- Regionkartan: maps, members, nodes, relations, themes, indicators and the audit
-- log. Applies unchanged to a hosted Supabase project (`supabase db push`) and to
-- the embedded local stack. Roles anon/authenticated/service_role and auth.uid()
-- are provided by the platform (locally: server/database/bootstrap.sql).

-- ---------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------
-- Titles and labels must hold more than whitespace (spaces, tabs, line breaks).

create table public.maps (
  id uuid primary key default gen_random_uuid(),
  title text not null check (length(btrim(title, E' \t\n\r\f\x0B')) between 1 and 200),
  description text not null default '' check (length(description) <= 20000),
  visibility text not null default 'private' check (visibility in ('private', 'link', 'public')),
  source text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz
);
comment on table public.maps is 'A regional map: one shared dataset of nodes and relations.';

create table public.map_members (
  map_id uuid not null references public.maps (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null default 'viewer' check (role in ('viewer', 'editor', 'admin')),
  created_at timestamptz not null default now(),
  primary key (map_id, user_id)
);
create index map_members_user_idx on public.map_members (user_id);

create table public.themes (
  id uuid primary key default gen_random_uuid(),
  map_id uuid not null references public.maps (id) on delete cascade,
  key text not null check (key ~ '^[a-z0-9][a-z0-9_-]{0,47}$'),
  label_sv text not null check (length(btrim(label_sv, E' \t\n\r\f\x0B')) between 1 and 120),
  label_en text not null check (length(btrim(label_en, E' \t\n\r\f\x0B')) between 1 and 120),
  description text not null default '',
  color text not null check (color ~ '^#[0-9a-fA-F]{6}$'),
  sort_order integer not null default 0,
  source text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  unique (map_id, key)
);

create table public.nodes (
  id uuid primary key default gen_random_uuid(),
  map_id uuid not null references public.maps (id) on delete cascade,
  kind text not null check (kind in ('municipality', 'organisation', 'network', 'project', 'resource', 'event')),
  title text not null check (length(btrim(title, E' \t\n\r\f\x0B')) between 1 and 200),
  description text not null default '' check (length(description) <= 20000),
  url text check (url is null or url ~* '^https?://[^\s]+$'),
  municipality_code text check (municipality_code ~ '^[0-9]{4}$'),
  lon double precision check (lon between -180 and 180),
  lat double precision check (lat between -90 and 90),
  themes text[] not null default '{}',
  status text not null default 'active' check (status in ('planned', 'active', 'dormant', 'ended')),
  start_date date,
  end_date date,
  contact text not null default '' check (length(contact) <= 500),
  source text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  unique (map_id, id),
  constraint nodes_location_pair check ((lon is null) = (lat is null)),
  constraint nodes_dates_ordered check (start_date is null or end_date is null or start_date <= end_date),
  constraint nodes_municipality_has_code check (kind <> 'municipality' or municipality_code is not null)
);
create index nodes_map_idx on public.nodes (map_id);
create unique index nodes_one_municipality_per_code
  on public.nodes (map_id, municipality_code)
  where kind = 'municipality' and deleted_at is null;

create table public.relations (
  id uuid primary key default gen_random_uuid(),
  map_id uuid not null references public.maps (id) on delete cascade,
  source_id uuid not null,
  target_id uuid not null,
  kind text not null check (kind in (
    'flows_to', 'similar_to', 'member_of', 'participates_in', 'leads', 'hosts',
    'assists', 'prepares_for', 'part_of', 'partner_of', 'collaborates_with', 'funds'
  )),
  -- Symmetric kinds are undirected; the direction is never stored inconsistently.
  directed boolean generated always as (kind not in ('similar_to', 'partner_of', 'collaborates_with')) stored,
  magnitude numeric check (magnitude >= 0),
  unit text check (unit is null or length(unit) <= 40),
  year integer check (year between 1900 and 2100),
  score numeric check (score between 0 and 1),
  themes text[] not null default '{}',
  note text not null default '' check (length(note) <= 20000),
  source text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  -- A relation's ends are nodes of the relation's own map.
  foreign key (map_id, source_id) references public.nodes (map_id, id) on delete cascade,
  foreign key (map_id, target_id) references public.nodes (map_id, id) on delete cascade,
  constraint relations_not_self check (source_id <> target_id)
);
create index relations_map_idx on public.relations (map_id);
create index relations_source_idx on public.relations (source_id);
create index relations_target_idx on public.relations (target_id);

create table public.indicators (
  id uuid primary key default gen_random_uuid(),
  map_id uuid not null references public.maps (id) on delete cascade,
  municipality_code text not null check (municipality_code ~ '^[0-9]{4}$'),
  key text not null check (key ~ '^[a-z0-9][a-z0-9_]{0,79}$'),
  label_sv text not null,
  label_en text not null,
  unit text not null default '',
  year text not null check (year ~ '^[0-9]{4}(/[0-9]{2})?$'),
  value numeric,
  source text not null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  unique (map_id, municipality_code, key, year)
);
create index indicators_map_idx on public.indicators (map_id);

-- The audit log. Rows are written only by the audit trigger (security definer);
-- no role may insert, change or remove them through the API.
create table public.changes (
  id bigint generated always as identity primary key,
  map_id uuid not null,
  table_name text not null,
  row_id uuid not null,
  op text not null check (op in ('insert', 'update', 'delete')),
  before jsonb,
  after jsonb,
  actor uuid,
  at timestamptz not null default clock_timestamp()
);
create index changes_map_idx on public.changes (map_id, id);
create index changes_row_idx on public.changes (row_id, id);

-- ---------------------------------------------------------------------------
-- Access helpers (security definer so that policies can read map_members
-- without recursing into its own policies)
-- ---------------------------------------------------------------------------

create function public.map_role(p_map_id uuid) returns text
language sql stable security definer set search_path = public as $$
  select m.role from public.map_members m where m.map_id = p_map_id and m.user_id = auth.uid()
$$;

create function public.can_read_map(p_map_id uuid) returns boolean
language sql stable security definer set search_path = public as $$
  select exists (
    select 1 from public.maps where id = p_map_id and visibility in ('public', 'link')
  ) or public.map_role(p_map_id) is not null
$$;

create function public.map_has_members(p_map_id uuid) returns boolean
language sql stable security definer set search_path = public as $$
  select exists (select 1 from public.map_members m where m.map_id = p_map_id)
$$;

create function public.can_edit_map(p_map_id uuid) returns boolean
language sql stable security definer set search_path = public as $$
  select coalesce(public.map_role(p_map_id) in ('editor', 'admin'), false)
$$;

create function public.is_map_admin(p_map_id uuid) returns boolean
language sql stable security definer set search_path = public as $$
  select coalesce(public.map_role(p_map_id) = 'admin', false)
$$;

-- ---------------------------------------------------------------------------
-- Row bookkeeping: version, updated_at/by, immutable identity, admin-only restore
-- ---------------------------------------------------------------------------

create function public.stamp_row() returns trigger
language plpgsql set search_path = public as $$
begin
  if tg_op = 'INSERT' then
    new.version := 1;
    new.created_at := now();
    new.created_by := coalesce(auth.uid(), new.created_by);
    new.updated_at := new.created_at;
    new.updated_by := new.created_by;
    return new;
  end if;

  if new.id <> old.id then
    raise exception 'id cannot be changed' using errcode = '23514';
  end if;
  if tg_table_name <> 'maps' and to_jsonb(new) ->> 'map_id' <> to_jsonb(old) ->> 'map_id' then
    raise exception 'an item cannot be moved to another map' using errcode = '23514';
  end if;
  if old.deleted_at is not null and new.deleted_at is null
     and auth.uid() is not null
     and not public.is_map_admin(coalesce((to_jsonb(old) ->> 'map_id')::uuid, old.id)) then
    raise exception 'only a map admin can restore a deleted item' using errcode = '42501';
  end if;

  new.version := old.version + 1;
  new.created_at := old.created_at;
  new.created_by := old.created_by;
  new.updated_at := now();
  new.updated_by := coalesce(auth.uid(), new.updated_by);
  return new;
end
$$;

create trigger maps_stamp before insert or update on public.maps
  for each row execute function public.stamp_row();
create trigger themes_stamp before insert or update on public.themes
  for each row execute function public.stamp_row();
create trigger nodes_stamp before insert or update on public.nodes
  for each row execute function public.stamp_row();
create trigger relations_stamp before insert or update on public.relations
  for each row execute function public.stamp_row();
create trigger indicators_stamp before insert or update on public.indicators
  for each row execute function public.stamp_row();

-- Themes on nodes and relations must be known themes of the same map.
create function public.check_theme_keys() returns trigger
language plpgsql security definer set search_path = public as $$
declare
  unknown text;
begin
  select string_agg(k, ', ') into unknown
  from unnest(new.themes) as k
  where not exists (select 1 from public.themes t where t.map_id = new.map_id and t.key = k);
  if unknown is not null then
    raise exception 'unknown theme: %', unknown using errcode = '23503';
  end if;
  return new;
end
$$;

create trigger nodes_theme_keys before insert or update of themes on public.nodes
  for each row execute function public.check_theme_keys();
create trigger relations_theme_keys before insert or update of themes on public.relations
  for each row execute function public.check_theme_keys();

-- The creator of a map becomes its admin.
create function public.add_map_creator() returns trigger
language plpgsql security definer set search_path = public as $$
begin
  if new.created_by is not null then
    insert into public.map_members (map_id, user_id, role)
    values (new.id, new.created_by, 'admin')
    on conflict (map_id, user_id) do update set role = 'admin';
  end if;
  return new;
end
$$;

create trigger maps_add_creator after insert on public.maps
  for each row execute function public.add_map_creator();

-- ---------------------------------------------------------------------------
-- Audit: every insert, update and delete is written to changes with its actor,
-- and announced on the 'changes' channel for live clients.
-- ---------------------------------------------------------------------------

create function public.record_change() returns trigger
language plpgsql security definer set search_path = public as $$
declare
  row_before jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  row_after jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  the_row jsonb := coalesce(row_after, row_before);
  the_map uuid := coalesce((the_row ->> 'map_id')::uuid, (the_row ->> 'id')::uuid);
  the_row_id uuid := coalesce((the_row ->> 'id')::uuid, (the_row ->> 'user_id')::uuid);
  change_id bigint;
begin
  insert into public.changes (map_id, table_name, row_id, op, before, after, actor)
  values (the_map, tg_table_name, the_row_id, lower(tg_op), row_before, row_after, auth.uid())
  returning id into change_id;

  perform pg_notify('changes', json_build_object(
    'id', change_id, 'map_id', the_map, 'table', tg_table_name,
    'row_id', the_row_id, 'op', lower(tg_op)
  )::text);
  return null;
end
$$;

create trigger maps_audit after insert or update or delete on public.maps
  for each row execute function public.record_change();
create trigger map_members_audit after insert or update or delete on public.map_members
  for each row execute function public.record_change();
create trigger themes_audit after insert or update or delete on public.themes
  for each row execute function public.record_change();
create trigger nodes_audit after insert or update or delete on public.nodes
  for each row execute function public.record_change();
create trigger relations_audit after insert or update or delete on public.relations
  for each row execute function public.record_change();
create trigger indicators_audit after insert or update or delete on public.indicators
  for each row execute function public.record_change();

-- ---------------------------------------------------------------------------
-- Row level security: read by visibility and membership, write by editors,
-- hard delete by admins. Soft delete is an update of deleted_at.
-- ---------------------------------------------------------------------------

alter table public.maps enable row level security;
alter table public.map_members enable row level security;
alter table public.themes enable row level security;
alter table public.nodes enable row level security;
alter table public.relations enable row level security;
alter table public.indicators enable row level security;
alter table public.changes enable row level security;

-- Reads the row's own visibility rather than can_read_map(id): while a map is being
-- inserted (insert … returning, as supabase-js .insert().select() does) the new row is
-- not yet visible to can_read_map's query, and the creator's admin membership is only
-- added by the after-insert trigger. Hence also: its creator reads a map that has no
-- members yet (a creator later removed from the map does not keep access).
create policy maps_read on public.maps for select
  using (visibility in ('public', 'link') or public.map_role(id) is not null
         or (created_by = auth.uid() and not public.map_has_members(id)));
create policy maps_create on public.maps for insert to authenticated
  with check (created_by is null or created_by = auth.uid());
create policy maps_update on public.maps for update to authenticated
  using (public.is_map_admin(id)) with check (public.is_map_admin(id));
create policy maps_delete on public.maps for delete to authenticated using (public.is_map_admin(id));

create policy members_read on public.map_members for select to authenticated
  using (user_id = auth.uid() or public.map_role(map_id) is not null);
create policy members_insert on public.map_members for insert to authenticated
  with check (public.is_map_admin(map_id));
create policy members_update on public.map_members for update to authenticated
  using (public.is_map_admin(map_id)) with check (public.is_map_admin(map_id));
create policy members_delete on public.map_members for delete to authenticated
  using (public.is_map_admin(map_id));

create policy themes_read on public.themes for select using (public.can_read_map(map_id));
create policy themes_insert on public.themes for insert to authenticated with check (public.can_edit_map(map_id));
create policy themes_update on public.themes for update to authenticated
  using (public.can_edit_map(map_id)) with check (public.can_edit_map(map_id));
create policy themes_delete on public.themes for delete to authenticated using (public.is_map_admin(map_id));

create policy nodes_read on public.nodes for select using (public.can_read_map(map_id));
create policy nodes_insert on public.nodes for insert to authenticated with check (public.can_edit_map(map_id));
create policy nodes_update on public.nodes for update to authenticated
  using (public.can_edit_map(map_id)) with check (public.can_edit_map(map_id));
create policy nodes_delete on public.nodes for delete to authenticated using (public.is_map_admin(map_id));

create policy relations_read on public.relations for select using (public.can_read_map(map_id));
create policy relations_insert on public.relations for insert to authenticated with check (public.can_edit_map(map_id));
create policy relations_update on public.relations for update to authenticated
  using (public.can_edit_map(map_id)) with check (public.can_edit_map(map_id));
create policy relations_delete on public.relations for delete to authenticated using (public.is_map_admin(map_id));

create policy indicators_read on public.indicators for select using (public.can_read_map(map_id));
create policy indicators_insert on public.indicators for insert to authenticated with check (public.can_edit_map(map_id));
create policy indicators_update on public.indicators for update to authenticated
  using (public.can_edit_map(map_id)) with check (public.can_edit_map(map_id));
create policy indicators_delete on public.indicators for delete to authenticated using (public.is_map_admin(map_id));

-- History is readable with the map, except membership changes (user ids and
-- roles), which only the map's own members may see.
create policy changes_read on public.changes for select using (
  public.can_read_map(map_id)
  and (table_name <> 'map_members' or public.map_role(map_id) is not null)
);

-- Privileges: the API roles may attempt everything; RLS decides. The audit log
-- and generated columns are the exceptions.
grant usage on schema public to anon, authenticated, service_role;
grant select on all tables in schema public to anon, authenticated, service_role;
grant insert, update, delete on public.maps, public.map_members, public.themes, public.nodes,
  public.relations, public.indicators to authenticated, service_role;
revoke insert, update, delete, truncate on public.changes from anon, authenticated, service_role;
grant execute on function public.map_role(uuid), public.can_read_map(uuid), public.can_edit_map(uuid),
  public.is_map_admin(uuid), public.map_has_members(uuid) to anon, authenticated, service_role;
