-- Graph positions stored per map: where each node sits in the graph (x, y in
-- graph units), so a load draws the stored picture instead of computing a
-- layout, and a node someone drags stays where it was put. One row per node,
-- its id the node's, removed with the node; changes are audited and announced
-- like the map's other rows, so other clients see a node move.
-- Read with the map; written (placed, moved, cleared for a new layout) by its editors.

create table public.node_positions (
  id uuid primary key,
  map_id uuid not null references public.maps (id) on delete cascade,
  x double precision not null,
  y double precision not null,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  foreign key (map_id, id) references public.nodes (map_id, id) on delete cascade,
  constraint node_positions_finite check (
    x between -1e7 and 1e7 and y between -1e7 and 1e7
  )
);

create index node_positions_map_idx on public.node_positions (map_id);

create function public.stamp_position() returns trigger
language plpgsql set search_path = public as $$
begin
  new.updated_at := now();
  new.updated_by := coalesce(auth.uid(), new.updated_by);
  return new;
end
$$;

create trigger node_positions_stamp before insert or update on public.node_positions
  for each row execute function public.stamp_position();
create trigger node_positions_audit after insert or update or delete on public.node_positions
  for each row execute function public.record_change();

alter table public.node_positions enable row level security;

create policy node_positions_read on public.node_positions for select
  using (public.can_read_map(map_id));
create policy node_positions_insert on public.node_positions for insert to authenticated
  with check (public.can_edit_map(map_id));
create policy node_positions_update on public.node_positions for update to authenticated
  using (public.can_edit_map(map_id)) with check (public.can_edit_map(map_id));
create policy node_positions_delete on public.node_positions for delete to authenticated
  using (public.can_edit_map(map_id));

grant select on public.node_positions to anon, authenticated, service_role;
grant insert, update, delete on public.node_positions to authenticated, service_role;
