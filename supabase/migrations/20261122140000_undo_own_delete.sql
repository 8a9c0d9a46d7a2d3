-- Undo of one's own delete: whoever soft-deleted an item may restore it (an
-- editor's "Ångra" after "Ta bort"); restoring what someone else deleted stays
-- admin-only. `deleted_by` records who set deleted_at (auth.uid(); kept as
-- written by the service role and migrations, which have no user) and is cleared
-- on restore. Plain ALTER TABLE + triggers: applies to hosted Supabase as it is.

alter table public.themes add column deleted_by uuid;
alter table public.nodes add column deleted_by uuid;
alter table public.relations add column deleted_by uuid;
alter table public.indicators add column deleted_by uuid;

create function public.stamp_deleted_by() returns trigger
language plpgsql set search_path = public as $$
begin
  if new.deleted_at is null then
    new.deleted_by := null;
  elsif tg_op = 'INSERT' or old.deleted_at is null then
    new.deleted_by := coalesce(auth.uid(), new.deleted_by);
  else
    new.deleted_by := old.deleted_by;
  end if;
  return new;
end
$$;

-- Named to run before the *_stamp trigger (alphabetical order), though stamp_row
-- only reads old.deleted_by.
create trigger themes_deleted_by before insert or update on public.themes
  for each row execute function public.stamp_deleted_by();
create trigger nodes_deleted_by before insert or update on public.nodes
  for each row execute function public.stamp_deleted_by();
create trigger relations_deleted_by before insert or update on public.relations
  for each row execute function public.stamp_deleted_by();
create trigger indicators_deleted_by before insert or update on public.indicators
  for each row execute function public.stamp_deleted_by();

-- stamp_row as before, with one change: the restore rule lets the deleter through.
create or replace function public.stamp_row() returns trigger
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
     and (to_jsonb(old) ->> 'deleted_by') is distinct from auth.uid()::text
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
