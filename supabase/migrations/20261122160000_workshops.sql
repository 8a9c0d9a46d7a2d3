-- Workshops: stories (ordered saved views with a Markdown narrative), live
-- presentations, the participant role (joined with a workshop code), inventory
-- rounds, proposals and votes. Plain SQL: applies to hosted Supabase as it is.
--
-- Roles on a map, lowest first: viewer < participant < editor < admin.
--   participant  may propose and vote in rounds; cannot edit the map itself.
--   presenting   the map's admin, or an editor given `may_present` by an admin.

-- ---------------------------------------------------------------------------
-- Roles
-- ---------------------------------------------------------------------------

alter table public.map_members drop constraint map_members_role_check;
alter table public.map_members add constraint map_members_role_check
  check (role in ('viewer', 'participant', 'editor', 'admin'));
alter table public.map_members add column may_present boolean not null default false;
comment on column public.map_members.may_present is
  'An editor given presenting rights (admins always have them). Set by the map''s admin.';

alter table public.map_join_codes drop constraint map_join_codes_role_check;
alter table public.map_join_codes add constraint map_join_codes_role_check
  check (role in ('editor', 'participant'));
alter table public.map_join_codes add column expires_at timestamptz;

create function public.role_rank(p_role text) returns integer
language sql immutable set search_path = public as $$
  select case p_role when 'viewer' then 1 when 'participant' then 2 when 'editor' then 3
                     when 'admin' then 4 else 0 end
$$;

create function public.can_present(p_map_id uuid) returns boolean
language sql stable security definer set search_path = public as $$
  select coalesce((
    select m.role = 'admin' or (m.role = 'editor' and m.may_present)
    from public.map_members m where m.map_id = p_map_id and m.user_id = auth.uid()
  ), false)
$$;

create function public.can_take_part(p_map_id uuid) returns boolean
language sql stable security definer set search_path = public as $$
  select public.role_rank(public.map_role(p_map_id)) >= 2
$$;

-- join_map as before, with participant codes: the code's role is granted, a role
-- is never lowered.
create or replace function public.join_map(p_map_id uuid, p_code text default null) returns text
language plpgsql security definer set search_path = public as $$
declare
  uid uuid := auth.uid();
  the_visibility text;
  current_role_name text;
  code_role text;
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
    select c.role into code_role from public.map_join_codes c
    where c.map_id = p_map_id and c.code_hash = public.join_code_hash(p_map_id, p_code)
      and (c.expires_at is null or c.expires_at > now())
    order by public.role_rank(c.role) desc limit 1;
    if code_role is not null then
      wanted := code_role;
    else
      insert into public.map_join_failures (map_id, user_id) values (p_map_id, uid);
    end if;
  end if;

  if current_role_name is null then
    insert into public.map_members (map_id, user_id, role) values (p_map_id, uid, wanted);
    return wanted;
  end if;
  if public.role_rank(wanted) > public.role_rank(current_role_name) then
    update public.map_members set role = wanted where map_id = p_map_id and user_id = uid;
    return wanted;
  end if;
  return current_role_name;
end
$$;

-- A new workshop code for the map (participant role), replacing the previous
-- one; valid for p_hours. Only presenters. Returns the code ("K7PQ2M").
create function public.new_workshop_code(p_map_id uuid, p_hours integer default 12) returns text
language plpgsql volatile security definer set search_path = public as $$
declare
  alphabet constant text := 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  bytes bytea := decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex');
  code text := '';
begin
  if not public.can_present(p_map_id) then
    raise exception 'only a presenter can make a workshop code' using errcode = '42501';
  end if;
  -- Bytes 0–5 of a v4 uuid are random (the version nibble is in byte 6).
  for i in 0..5 loop
    code := code || substr(alphabet, 1 + get_byte(bytes, i) % length(alphabet), 1);
  end loop;
  delete from public.map_join_codes where map_id = p_map_id and role = 'participant';
  insert into public.map_join_codes (map_id, code_hash, role, expires_at)
  values (p_map_id, public.join_code_hash(p_map_id, code), 'participant',
          now() + make_interval(hours => greatest(1, least(p_hours, 72))));
  return code;
end
$$;

-- ---------------------------------------------------------------------------
-- Stories and steps
-- ---------------------------------------------------------------------------

create table public.stories (
  id uuid primary key default gen_random_uuid(),
  map_id uuid not null references public.maps (id) on delete cascade,
  title text not null check (length(btrim(title, E' \t\n\r\f\x0B')) between 1 and 200),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  unique (map_id, id)
);
create index stories_map_idx on public.stories (map_id);
comment on table public.stories is 'A story: an ordered list of steps (saved views with a narrative).';

create table public.story_steps (
  id uuid primary key default gen_random_uuid(),
  map_id uuid not null,
  story_id uuid not null,
  position double precision not null default 0,
  title text not null check (length(btrim(title, E' \t\n\r\f\x0B')) between 1 and 200),
  -- Markdown; rendered through a sanitiser (no raw HTML runs).
  narrative text not null default '' check (length(narrative) <= 10000),
  -- The saved view: { query: "<explorer query string>", graph: {x1,y1,x2,y2} | null,
  -- map: [west, south, east, north] | null }.
  view jsonb not null default '{}'::jsonb check (jsonb_typeof(view) = 'object' and length(view::text) <= 8000),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  foreign key (map_id, story_id) references public.stories (map_id, id) on delete cascade
);
create index story_steps_story_idx on public.story_steps (story_id, position);

-- ---------------------------------------------------------------------------
-- Presentations: one row per time a story (or the free map) is presented live.
-- The step is here (durable, audited); the presenter's camera between steps goes
-- over the live channel only.
-- ---------------------------------------------------------------------------

create table public.presentations (
  id uuid primary key default gen_random_uuid(),
  map_id uuid not null references public.maps (id) on delete cascade,
  story_id uuid,
  step_index integer not null default 0 check (step_index >= 0),
  live boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  unique (map_id, id),
  foreign key (map_id, story_id) references public.stories (map_id, id) on delete set null (story_id)
);
create index presentations_map_idx on public.presentations (map_id, created_at);

-- ---------------------------------------------------------------------------
-- Rounds, proposals, votes
-- ---------------------------------------------------------------------------

create table public.rounds (
  id uuid primary key default gen_random_uuid(),
  map_id uuid not null references public.maps (id) on delete cascade,
  presentation_id uuid,
  question text not null check (length(btrim(question, E' \t\n\r\f\x0B')) between 1 and 300),
  theme text,
  vote_budget integer not null default 3 check (vote_budget between 0 and 50),
  closes_at timestamptz,
  status text not null default 'open' check (status in ('open', 'closed')),
  closed_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  unique (map_id, id),
  foreign key (map_id, presentation_id) references public.presentations (map_id, id) on delete set null (presentation_id),
  foreign key (map_id, theme) references public.themes (map_id, key) on update cascade
);
create index rounds_map_idx on public.rounds (map_id, created_at);

create table public.proposals (
  id uuid primary key default gen_random_uuid(),
  map_id uuid not null,
  round_id uuid not null,
  title text not null check (length(btrim(title, E' \t\n\r\f\x0B')) between 1 and 200),
  kind text not null check (kind in ('organisation', 'network', 'project', 'resource', 'event')),
  municipality_code text check (municipality_code ~ '^[0-9]{4}$'),
  description text not null default '' check (length(description) <= 1000),
  url text check (url is null or url ~* '^https://[^\s]+$'),
  status text not null default 'open' check (status in ('open', 'hidden', 'accepted', 'merged', 'rejected')),
  -- The node it became (accepted) or was merged into.
  node_id uuid,
  -- Kept by the votes trigger only.
  votes integer not null default 0 check (votes >= 0),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  unique (map_id, id),
  foreign key (map_id, round_id) references public.rounds (map_id, id) on delete cascade,
  foreign key (map_id, node_id) references public.nodes (map_id, id) on delete set null (node_id)
);
create index proposals_round_idx on public.proposals (round_id);

create table public.votes (
  id uuid primary key default gen_random_uuid(),
  map_id uuid not null,
  round_id uuid not null,
  proposal_id uuid not null,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  foreign key (map_id, proposal_id) references public.proposals (map_id, id) on delete cascade,
  -- Once per proposal per participant.
  constraint votes_once unique (proposal_id, user_id)
);
create index votes_round_user_idx on public.votes (round_id, user_id);

-- ---------------------------------------------------------------------------
-- Triggers: bookkeeping (stamp_row), audit (record_change), round rules
-- ---------------------------------------------------------------------------

create trigger stories_stamp before insert or update on public.stories
  for each row execute function public.stamp_row();
create trigger story_steps_stamp before insert or update on public.story_steps
  for each row execute function public.stamp_row();
create trigger presentations_stamp before insert or update on public.presentations
  for each row execute function public.stamp_row();
create trigger rounds_stamp before insert or update on public.rounds
  for each row execute function public.stamp_row();
create trigger proposals_stamp before insert or update on public.proposals
  for each row execute function public.stamp_row();

create trigger stories_audit after insert or update or delete on public.stories
  for each row execute function public.record_change();
create trigger story_steps_audit after insert or update or delete on public.story_steps
  for each row execute function public.record_change();
create trigger presentations_audit after insert or update or delete on public.presentations
  for each row execute function public.record_change();
create trigger rounds_audit after insert or update or delete on public.rounds
  for each row execute function public.record_change();
create trigger proposals_audit after insert or update or delete on public.proposals
  for each row execute function public.record_change();
create trigger votes_audit after insert or update or delete on public.votes
  for each row execute function public.record_change();

-- A round's closing time is stamped; a closed round stays closed.
create function public.round_rules() returns trigger
language plpgsql set search_path = public as $$
begin
  if tg_op = 'UPDATE' and old.status = 'closed' and new.status = 'open' then
    raise exception 'a closed round cannot be opened again' using errcode = '23514';
  end if;
  if new.status = 'closed' and (tg_op = 'INSERT' or old.status = 'open') then
    new.closed_at := now();
  elsif new.status = 'open' then
    new.closed_at := null;
  end if;
  return new;
end
$$;
create trigger rounds_rules before insert or update on public.rounds
  for each row execute function public.round_rules();

-- Whether a round takes proposals and votes now.
create function public.round_is_open(p_round_id uuid) returns boolean
language sql stable security definer set search_path = public as $$
  select coalesce((select r.status = 'open' and r.deleted_at is null
                          and (r.closes_at is null or r.closes_at > now())
                   from public.rounds r where r.id = p_round_id), false)
$$;

-- Proposals: new ones arrive open in an open round; the vote count is the votes
-- trigger's alone (a direct write of `votes` is ignored).
create function public.proposal_rules() returns trigger
language plpgsql set search_path = public as $$
begin
  if tg_op = 'INSERT' then
    if auth.uid() is not null and not public.round_is_open(new.round_id) then
      raise exception 'the round is closed' using errcode = '23514';
    end if;
    new.status := case when auth.uid() is null then new.status else 'open' end;
    new.votes := 0;
    if new.status = 'open' then new.node_id := null; end if;
    return new;
  end if;
  if pg_trigger_depth() = 1 then
    new.votes := old.votes;
  end if;
  if new.round_id <> old.round_id then
    raise exception 'a proposal cannot move to another round' using errcode = '23514';
  end if;
  return new;
end
$$;
-- Runs before proposals_stamp (alphabetical order).
create trigger proposals_rules before insert or update on public.proposals
  for each row execute function public.proposal_rules();

-- Votes: the round comes from the proposal; the voter is the caller; only open
-- proposals in open rounds; at most the round's vote budget per participant
-- (serialised per round and voter, so concurrent votes cannot overspend).
create function public.vote_rules() returns trigger
language plpgsql security definer set search_path = public as $$
declare
  the_proposal public.proposals%rowtype;
  budget integer;
  used integer;
begin
  select * into the_proposal from public.proposals where id = new.proposal_id;
  if the_proposal.id is null or the_proposal.map_id <> new.map_id then
    raise exception 'unknown proposal' using errcode = '23503';
  end if;
  new.round_id := the_proposal.round_id;
  new.user_id := coalesce(auth.uid(), new.user_id);
  new.created_at := now();
  if the_proposal.status <> 'open' or not public.round_is_open(the_proposal.round_id) then
    raise exception 'this proposal takes no votes now' using errcode = '23514';
  end if;
  perform pg_advisory_xact_lock(hashtextextended(new.round_id::text || new.user_id::text, 0));
  select r.vote_budget into budget from public.rounds r where r.id = new.round_id;
  select count(*) into used from public.votes v where v.round_id = new.round_id and v.user_id = new.user_id;
  if used >= budget then
    raise exception 'no votes left in this round (% of %)', used, budget
      using errcode = '23514', constraint = 'votes_budget';
  end if;
  return new;
end
$$;
create trigger votes_rules before insert on public.votes
  for each row execute function public.vote_rules();

create function public.count_votes() returns trigger
language plpgsql security definer set search_path = public as $$
begin
  update public.proposals p
  set votes = (select count(*) from public.votes v where v.proposal_id = p.id)
  where p.id = coalesce(new.proposal_id, old.proposal_id);
  return null;
end
$$;
create trigger votes_count after insert or delete on public.votes
  for each row execute function public.count_votes();

-- ---------------------------------------------------------------------------
-- Moderation (presenters): hide, show again, reject, accept (a new node whose
-- source names the round, the date and the proposer) or merge into a node (the
-- proposal is linked to it and the node's source gains the same, with the
-- proposal's title).
-- ---------------------------------------------------------------------------

create function public.moderate_proposal(p_proposal_id uuid, p_action text, p_node_id uuid default null)
returns public.proposals
language plpgsql security definer set search_path = public as $$
declare
  p public.proposals%rowtype;
  r public.rounds%rowtype;
  proposer text;
  origin text;
  new_node uuid;
begin
  select * into p from public.proposals where id = p_proposal_id for update;
  if p.id is null or not public.can_present(p.map_id) then
    raise exception 'only a presenter can moderate proposals' using errcode = '42501';
  end if;
  if p.status in ('accepted', 'merged') then
    raise exception 'this proposal is already on the map' using errcode = '23514';
  end if;
  select * into r from public.rounds where id = p.round_id;
  select display_name into proposer from public.profiles where id = p.created_by;
  origin := format('Workshoprunda "%s", %s, förslag av %s', r.question,
                   to_char(r.created_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD'),
                   coalesce(proposer, 'okänd'));

  if p_action = 'hide' then
    update public.proposals set status = 'hidden' where id = p.id returning * into p;
  elsif p_action = 'show' then
    update public.proposals set status = 'open' where id = p.id returning * into p;
  elsif p_action = 'reject' then
    update public.proposals set status = 'rejected' where id = p.id returning * into p;
  elsif p_action = 'accept' then
    insert into public.nodes (map_id, kind, title, description, url, municipality_code, themes, source)
    values (p.map_id, p.kind, p.title, p.description, p.url, p.municipality_code,
            case when r.theme is null then '{}'::text[] else array[r.theme] end, origin)
    returning id into new_node;
    update public.proposals set status = 'accepted', node_id = new_node where id = p.id returning * into p;
  elsif p_action = 'merge' then
    if p_node_id is null or not exists (
      select 1 from public.nodes n where n.id = p_node_id and n.map_id = p.map_id and n.deleted_at is null
    ) then
      raise exception 'merge needs a node of the same map' using errcode = '23503';
    end if;
    update public.nodes
    set source = concat_ws('; ', nullif(btrim(coalesce(source, '')), ''), format('%s (%s)', origin, p.title))
    where id = p_node_id;
    update public.proposals set status = 'merged', node_id = p_node_id where id = p.id returning * into p;
  else
    raise exception 'unknown action: %', p_action using errcode = '22023';
  end if;
  return p;
end
$$;

-- ---------------------------------------------------------------------------
-- Row level security
-- ---------------------------------------------------------------------------

alter table public.stories enable row level security;
alter table public.story_steps enable row level security;
alter table public.presentations enable row level security;
alter table public.rounds enable row level security;
alter table public.proposals enable row level security;
alter table public.votes enable row level security;

-- Stories are map content: read with the map, written by editors, removed by admins.
create policy stories_read on public.stories for select using (public.can_read_map(map_id));
create policy stories_insert on public.stories for insert to authenticated with check (public.can_edit_map(map_id));
create policy stories_update on public.stories for update to authenticated
  using (public.can_edit_map(map_id)) with check (public.can_edit_map(map_id));
create policy stories_delete on public.stories for delete to authenticated using (public.is_map_admin(map_id));

create policy story_steps_read on public.story_steps for select using (public.can_read_map(map_id));
create policy story_steps_insert on public.story_steps for insert to authenticated with check (public.can_edit_map(map_id));
create policy story_steps_update on public.story_steps for update to authenticated
  using (public.can_edit_map(map_id)) with check (public.can_edit_map(map_id));
create policy story_steps_delete on public.story_steps for delete to authenticated using (public.is_map_admin(map_id));

-- Presentations and rounds: run by presenters.
create policy presentations_read on public.presentations for select using (public.can_read_map(map_id));
create policy presentations_insert on public.presentations for insert to authenticated with check (public.can_present(map_id));
create policy presentations_update on public.presentations for update to authenticated
  using (public.can_present(map_id)) with check (public.can_present(map_id));
create policy presentations_delete on public.presentations for delete to authenticated using (public.is_map_admin(map_id));

create policy rounds_read on public.rounds for select using (public.can_read_map(map_id));
create policy rounds_insert on public.rounds for insert to authenticated with check (public.can_present(map_id));
create policy rounds_update on public.rounds for update to authenticated
  using (public.can_present(map_id)) with check (public.can_present(map_id));
create policy rounds_delete on public.rounds for delete to authenticated using (public.is_map_admin(map_id));

-- Proposals: read with the map unless hidden (presenters see hidden ones);
-- made by participants (and up) as themselves; moderated by presenters.
create policy proposals_read on public.proposals for select
  using (public.can_read_map(map_id) and (status <> 'hidden' or public.can_present(map_id)));
create policy proposals_insert on public.proposals for insert to authenticated
  with check (public.can_take_part(map_id) and created_by = auth.uid());
create policy proposals_update on public.proposals for update to authenticated
  using (public.can_present(map_id)) with check (public.can_present(map_id));
create policy proposals_delete on public.proposals for delete to authenticated using (public.is_map_admin(map_id));

-- Votes: who voted for what is seen by the voter and the presenters (everyone
-- sees the counts on the proposal); a vote is cast and withdrawn by its voter.
create policy votes_read on public.votes for select to authenticated
  using (user_id = auth.uid() or public.can_present(map_id));
create policy votes_insert on public.votes for insert to authenticated
  with check (public.can_take_part(map_id) and user_id = auth.uid());
create policy votes_delete on public.votes for delete to authenticated
  using (user_id = auth.uid() and public.round_is_open(round_id));

-- The history follows the same rules: others' votes and hidden proposals are not
-- read through the audit log either.
drop policy changes_read on public.changes;
create policy changes_read on public.changes for select using (
  public.can_read_map(map_id)
  and (table_name <> 'map_members' or public.map_role(map_id) is not null)
  and (table_name <> 'votes' or public.can_present(map_id)
       or coalesce(after, before) ->> 'user_id' = auth.uid()::text)
  and (table_name <> 'proposals' or public.can_present(map_id)
       or exists (select 1 from public.proposals p where p.id = changes.row_id))
);

grant select on public.stories, public.story_steps, public.presentations, public.rounds,
  public.proposals to anon, authenticated, service_role;
grant select on public.votes to authenticated, service_role;
grant insert, update, delete on public.stories, public.story_steps, public.presentations,
  public.rounds, public.proposals to authenticated, service_role;
grant insert, delete on public.votes to authenticated, service_role;
revoke execute on function public.new_workshop_code(uuid, integer),
  public.moderate_proposal(uuid, text, uuid) from public, anon;
grant execute on function public.new_workshop_code(uuid, integer),
  public.moderate_proposal(uuid, text, uuid) to authenticated, service_role;
grant execute on function public.can_present(uuid), public.can_take_part(uuid),
  public.round_is_open(uuid), public.role_rank(text) to anon, authenticated, service_role;
