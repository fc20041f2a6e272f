-- Placer and filler order numbers (ORC-2, ORC-3 and the fields that repeat them: OBR-2/3, SCH-26/27,
-- FT1-23) are identifiers of a study beside its accession, each unique within the authority that
-- assigned it, so a message that names only its order finds the study. Empty until an order
-- number is known; written by the command that first carries it.
alter table study add column placer_order_authority text;
alter table study add column placer_order_number text;
alter table study add column filler_order_authority text;
alter table study add column filler_order_number text;
create unique index study_placer_order on study (placer_order_authority, placer_order_number);
create unique index study_filler_order on study (filler_order_authority, filler_order_number);
