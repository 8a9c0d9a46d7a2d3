-- Indicators as values to compare municipalities by (twins, charts): every value is
-- a number, every label and source says something, and their lengths are bounded as
-- the other tables' texts are (src/lib/domain/limits.js states them once;
-- tests/db/domain-facts compares). The table, its RLS (read by visibility, write by
-- editors, hard delete by admins) and its audit trigger are those of
-- 20261122100000_regional_map; an index serves "one indicator over the
-- municipalities of a map". Plain ALTER TABLE, so it applies to hosted Supabase.

-- A row without a value says nothing (the seed and the imports never wrote one).
delete from public.indicators where value is null;

alter table public.indicators
  alter column value set not null,
  add constraint indicators_value_check check (value <> 'NaN'::numeric),
  add constraint indicators_label_sv_check
    check (length(btrim(label_sv, E' \t\n\r\f\x0B')) between 1 and 200),
  add constraint indicators_label_en_check
    check (length(btrim(label_en, E' \t\n\r\f\x0B')) between 1 and 200),
  add constraint indicators_unit_check check (length(unit) <= 40),
  add constraint indicators_source_check
    check (length(btrim(source, E' \t\n\r\f\x0B')) between 1 and 2000);

create index indicators_map_key_year_idx on public.indicators (map_id, key, year)
  where deleted_at is null;
