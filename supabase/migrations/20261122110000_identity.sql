-- Identity: profiles of signed-in people, join codes and joining a map.
-- Applies unchanged to hosted Supabase (profiles are filled from Supabase Auth's
-- user metadata by the trigger on auth.users) and to the embedded local stack
-- (server/identity.js creates auth.users rows itself). Never creates roles or the
-- auth schema: the platform (locally server/database/bootstrap.sql) provides them.

-- ---------------------------------------------------------------------------
-- Profiles
-- ---------------------------------------------------------------------------

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null check (length(btrim(display_name, E' \t\n\r\f\x0B')) between 1 and 80),
  organisation text check (organisation is null or length(organisation) <= 200),
  municipality_code text check (municipality_code ~ '^[0-9]{4}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'Who a signed-in person is: the name others see, optionally organisation and municipality.';

-- Whether the current user and p_user_id are members of a common map (security
-- definer: reads map_members without its policies).
create function public.shares_map_with(p_user_id uuid) returns boolean
language sql stable security definer set search_path = public as $$
  select exists (
    select 1
    from public.map_members mine
    join public.map_members theirs on theirs.map_id = mine.map_id
    where mine.user_id = auth.uid() and theirs.user_id = p_user_id
  )
$$;

create function public.touch_profile() returns trigger
language plpgsql set search_path = public as $$
begin
  new.id := old.id;
  new.created_at := old.created_at;
  new.updated_at := now();
  return new;
end
$$;

create trigger profiles_touch before update on public.profiles
  for each row execute function public.touch_profile();

alter table public.profiles enable row level security;

create policy profiles_read on public.profiles for select to authenticated
  using (id = auth.uid() or public.shares_map_with(id));
create policy profiles_insert on public.profiles for insert to authenticated
  with check (id = auth.uid());
create policy profiles_update on public.profiles for update to authenticated
  using (id = auth.uid()) with check (id = auth.uid());

revoke all on public.profiles from anon;
grant select, insert, update on public.profiles to authenticated;
grant all on public.profiles to service_role;

-- A new user (Supabase Auth sign-up, or the local stack's join) gets a profile
-- from the metadata given at sign-up. Invalid optional fields are dropped rather
-- than failing the sign-up; a missing name falls back to the e-mail's local part.
create function public.create_profile_for_user() returns trigger
language plpgsql security definer set search_path = public as $$
declare
  meta jsonb := coalesce(new.raw_user_meta_data, '{}'::jsonb);
  the_name text := left(btrim(coalesce(meta ->> 'display_name', ''), E' \t\n\r\f\x0B'), 80);
  the_org text := nullif(left(btrim(coalesce(meta ->> 'organisation', '')), 200), '');
  the_code text := meta ->> 'municipality_code';
begin
  if the_name = '' then
    the_name := coalesce(nullif(left(split_part(coalesce(new.email, ''), '@', 1), 80), ''), 'Anonym');
  end if;
  if the_code is null or the_code !~ '^[0-9]{4}$' then
    the_code := null;
  end if;
  insert into public.profiles (id, display_name, organisation, municipality_code)
  values (new.id, the_name, the_org, the_code)
  on conflict (id) do nothing;
  return new;
end
$$;

create trigger on_auth_user_created after insert on auth.users
  for each row execute function public.create_profile_for_user();

-- ---------------------------------------------------------------------------
-- Join codes: only hashes are stored; no API role can read them.
-- ---------------------------------------------------------------------------

create table public.map_join_codes (
  map_id uuid not null references public.maps (id) on delete cascade,
  code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
  role text not null default 'editor' check (role = 'editor'),
  created_at timestamptz not null default now(),
  primary key (map_id, code_hash)
);
comment on table public.map_join_codes is 'Hashed codes that let someone join a map as editor. Readable by no API role.';

-- Wrong codes per user, so that join_map cannot be used to guess a code.
create table public.map_join_failures (
  id bigint generated always as identity primary key,
  map_id uuid not null references public.maps (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  at timestamptz not null default now()
);
create index map_join_failures_user_idx on public.map_join_failures (user_id, at);

alter table public.map_join_codes enable row level security;
alter table public.map_join_failures enable row level security;
-- Explicitly closed (RLS alone would already deny every row to the API roles).
create policy map_join_codes_closed on public.map_join_codes for all using (false) with check (false);
create policy map_join_failures_closed on public.map_join_failures for all using (false) with check (false);
revoke all on public.map_join_codes, public.map_join_failures from anon, authenticated, service_role;

-- The stored form of a code: codes are case-insensitive and ignore spaces and
-- dashes ("ab3-k9x" = "AB3K9X"); the map id salts the hash.
create function public.join_code_hash(p_map_id uuid, p_code text) returns text
language sql immutable set search_path = public as $$
  select encode(sha256(convert_to(
    p_map_id::text || ':' || upper(regexp_replace(coalesce(p_code, ''), '[^A-Za-z0-9]', '', 'g')),
    'UTF8')), 'hex')
$$;

-- ---------------------------------------------------------------------------
-- Joining a map
-- ---------------------------------------------------------------------------

-- Makes the current user a member of a public or link-visible map: editor with a
-- valid join code, otherwise viewer. Never lowers an existing role; members of a
-- private map get their role back. Returns the role the user now has.
create function public.join_map(p_map_id uuid, p_code text default null) returns text
language plpgsql security definer set search_path = public as $$
declare
  uid uuid := auth.uid();
  the_visibility text;
  current_role_name text;
  wanted text := 'viewer';
begin
  if uid is null then
    raise exception 'sign in to join a map' using errcode = '42501';
  end if;

  select visibility into the_visibility from public.maps where id = p_map_id and deleted_at is null;
  select role into current_role_name from public.map_members where map_id = p_map_id and user_id = uid;
  if the_visibility is null or (the_visibility = 'private' and current_role_name is null) then
    raise exception 'this map cannot be joined' using errcode = '42501';
  end if;

  if nullif(btrim(coalesce(p_code, '')), '') is not null then
    if (select count(*) from public.map_join_failures
        where user_id = uid and at > now() - interval '15 minutes') >= 10 then
      raise exception 'too many wrong join codes, try again later' using errcode = 'PT429';
    end if;
    if exists (select 1 from public.map_join_codes
               where map_id = p_map_id and code_hash = public.join_code_hash(p_map_id, p_code)) then
      wanted := 'editor';
    else
      insert into public.map_join_failures (map_id, user_id) values (p_map_id, uid);
    end if;
  end if;

  if current_role_name is null then
    insert into public.map_members (map_id, user_id, role) values (p_map_id, uid, wanted);
    return wanted;
  end if;
  if current_role_name = 'viewer' and wanted = 'editor' then
    update public.map_members set role = 'editor' where map_id = p_map_id and user_id = uid;
    return 'editor';
  end if;
  return current_role_name;
end
$$;

-- The maps the current user is a member of, with the role.
create function public.my_maps()
returns table (map_id uuid, title text, visibility text, role text)
language sql stable security definer set search_path = public as $$
  select m.id, m.title, m.visibility, mm.role
  from public.map_members mm
  join public.maps m on m.id = mm.map_id
  where mm.user_id = auth.uid() and m.deleted_at is null
  order by m.title
$$;

revoke execute on function public.join_code_hash(uuid, text), public.create_profile_for_user(),
  public.touch_profile() from public, anon, authenticated;
revoke execute on function public.join_map(uuid, text), public.my_maps(), public.shares_map_with(uuid)
  from public, anon;
grant execute on function public.join_map(uuid, text), public.my_maps(), public.shares_map_with(uuid)
  to authenticated, service_role;
