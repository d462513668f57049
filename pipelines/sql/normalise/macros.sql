-- The Python normaliser's small rules as macros, so the SQL below reads like it.
-- {space} is the class of what Python's str.strip() removes; {true_words} and
-- {false_words} are sources.canonical's; normalise.in_engine fills in all three.
-- Most values have nothing to strip: two anchored tests are cheaper than the replace.
create or replace temp macro care_strip(s) as
    case when regexp_matches(s, '^[{space}]') or regexp_matches(s, '[{space}]$')
         then regexp_replace(s, '^[{space}]+|[{space}]+$', '', 'g') else s end;

-- _clean_id: ids that went through a float column lose their ".0"; blank is no id.
-- care_clean_stripped_id for a value that reader_rows has stripped already (the strip is
-- two patterns, and the macro would run it three times).
create or replace temp macro care_clean_stripped_id(v) as
    nullif(case when regexp_full_match(v, '\p{{Nd}}+\.0') then left(v, -2) else v end, '');
create or replace temp macro care_clean_id(v) as care_clean_stripped_id(care_strip(v));

-- Python's str.lower(), which DuckDB's lower() matches but for two letters: İ becomes i
-- and a combining dot, and a capital sigma ending a word becomes the final ς.
create or replace temp macro care_lower(s) as
    -- an ASCII value (as many bytes as characters: ids, handles, channels) needs no pattern
    case when strlen(s) = length(s) then lower(s)
         when regexp_matches(s, '[İΣ]')
         then lower(regexp_replace(replace(s, 'İ', 'i' || chr(775)), '(\pL)Σ(\PL|$)', '\1ς\2', 'g'))
         else lower(s) end;

-- A value already one of the words (almost every row of a file) is read as it is: the
-- strip and the lowering cost four times the lookup. The lists are searched with
-- list_position: DuckDB turns `in (...)` and list_contains over constants into joins,
-- which compute the general case's strip and lowering for every row whatever the case
-- before it decided (0.65 s of the 1 M demo's `checked`, against none).
create or replace temp macro care_bool(v) as
    case when list_position([{true_words}], v) is not null then true
         when list_position([{false_words}], v) is not null then false
         when list_position([{true_words}], care_lower(care_strip(v))) is not null then true
         when list_position([{false_words}], care_lower(care_strip(v))) is not null then false end;

-- Pseudonymiser.pseudonym: HMAC-SHA256 of the normalised key under the installation's
-- salt (the inner and outer padded keys are set as variables for this load only).
-- Only for ASCII keys (normalise/keys_for_python.sql sends the others to Python).
create or replace temp macro care_key(k) as care_lower(ltrim(care_strip(k), '@'));
create or replace temp macro care_pseudonym(k) as
    'c_' || left(sha256(getvariable('care_hmac_outer')
                        || unhex(sha256(getvariable('care_hmac_inner') || encode(care_key(k))))), 16);

-- timeparse.parse_timestamp for the two layouts most files use, where SQL agrees with it
-- exactly: ISO 8601 with an offset, and X's classic "Tue Oct 31 22:10:47 +0000 2017".
-- Anything else (or an impossible date) is null here and goes to Python.
create or replace temp macro care_time_us(ct) as
    case
        when regexp_full_match(ct, '[12]\d{{3}}-\d\d-\d\d[T ](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{{1,6}})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)')
            then epoch_us(try_cast(ct as timestamptz))
        when regexp_full_match(ct, '[A-Za-z]{{3}} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d\d (?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d [+-]\d{{4}} (?:19|20)\d\d')
            then epoch_us(try(make_timestamp(
                    cast(right(ct, 4) as bigint),
                    (position(substr(ct, 5, 3) in 'JanFebMarAprMayJunJulAugSepOctNovDec') + 2) // 3,
                    cast(substr(ct, 9, 2) as bigint), cast(substr(ct, 12, 2) as bigint),
                    cast(substr(ct, 15, 2) as bigint), cast(substr(ct, 18, 2) as double))))
                 - (case when substr(ct, 21, 1) = '-' then -1 else 1 end)
                   * (cast(substr(ct, 22, 2) as bigint) * 60 + cast(substr(ct, 24, 2) as bigint)) * 60000000
    end;

-- language.normalise_code: a source's own tag as it / en / other, null when unknown. A
-- plain "it" or "en" (most tagged rows) is taken as it is: the general case strips and
-- lowers it three times (0.9 s against 0.06 s per million rows tagged "it"), and the
-- unknown codes are searched with list_position, which DuckDB does not turn into a join
-- over every row (care_bool).
create or replace temp macro care_lang_code(code) as
    case when code is null or code = '' then null
         when code = 'it' or code = 'en' then code
         when left(care_lower(care_strip(code)), 2) = 'it' or left(care_lower(care_strip(code)), 2) = 'en'
             then left(care_lower(care_strip(code)), 2)
         when list_position([{unknown_langs}], left(care_lower(care_strip(code)), 2)) is not null then null
         else 'other' end;
