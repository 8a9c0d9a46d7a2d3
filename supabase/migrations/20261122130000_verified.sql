-- "Last verified": when an item was last checked to be right, and by whom. Set
-- from the inventory with one click ("Verifierad nu"). Both columns are nullable
-- (never verified). A signed-in user can only record themselves as the verifier:
-- whenever verified_at changes, verified_by becomes auth.uid() (the service role
-- and migrations, without a user, keep what they wrote). Plain ALTER TABLE and a
-- trigger, so the migration applies to hosted Supabase as it is.

alter table public.nodes
  add column verified_at timestamptz,
  add column verified_by uuid;

alter table public.relations
  add column verified_at timestamptz,
  add column verified_by uuid;

create function public.stamp_verified() returns trigger
language plpgsql set search_path = public as $$
begin
  if new.verified_at is null then
    new.verified_by := null;
  elsif tg_op = 'INSERT' or new.verified_at is distinct from old.verified_at then
    new.verified_by := coalesce(auth.uid(), new.verified_by);
  else
    new.verified_by := old.verified_by;
  end if;
  return new;
end
$$;

create trigger nodes_stamp_verified before insert or update on public.nodes
  for each row execute function public.stamp_verified();
create trigger relations_stamp_verified before insert or update on public.relations
  for each row execute function public.stamp_verified();
