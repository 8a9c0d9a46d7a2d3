-- Changes of one map get their ids in commit order.
--
-- With one connection (the embedded PGlite) transactions never overlap, but on a
-- PostgreSQL server PostgREST has a pool: transaction A may take change id 10, B id 11,
-- and B commit first. The live channel delivers each map's changes in id order and a
-- reconnecting client asks for "everything after the last id I saw", so 10 would be
-- lost to both. The audit trigger therefore takes a transaction-scoped advisory lock
-- per map before it takes an id: writers to the same map wait for each other's commit
-- from their first change on (short: PostgREST's transactions are one statement);
-- writers to different maps do not.
create or replace function public.record_change() returns trigger
language plpgsql security definer set search_path = public as $$
declare
  row_before jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  row_after jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  the_row jsonb := coalesce(row_after, row_before);
  the_map uuid := coalesce((the_row ->> 'map_id')::uuid, (the_row ->> 'id')::uuid);
  the_row_id uuid := coalesce((the_row ->> 'id')::uuid, (the_row ->> 'user_id')::uuid);
  change_id bigint;
begin
  -- 7301: this lock's class (the audit log); the key: the map.
  perform pg_advisory_xact_lock(7301, hashtext(the_map::text));
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
