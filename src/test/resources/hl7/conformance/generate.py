import os
import pathlib
base = str(pathlib.Path(__file__).resolve().parent)
rows = []
ENDS = {"CR": "\r", "LF": "\n", "CRLF": "\r\n"}
enc_of = {"none": "ascii", "8859/1": "latin-1", "UNICODE UTF-8": "utf-8"}
seq = [0]
def add(ver, name, typ, ending, charset, source, ack, track, auth, acc, state, effect, segs, before="-"):
    seq[0] += 1
    path = f"{ver}/{name}.hl7"
    os.makedirs(f"{base}/{ver}", exist_ok=True)
    e = ENDS[ending]
    data = (e.join(segs) + e).encode(enc_of[charset])
    open(f"{base}/{path}", "wb").write(data)
    rows.append([str(seq[0]), path, typ, ver, ending, charset, source, before, ack, track, auth, acc, state, effect])

def msh(app, fac, typ, cid, ver, charset="", tail=""):
    m = f"MSH|^~\\&|{app}|{fac}|RADFLOW|RADIOLOGY|20261126093000||{typ}|{cid}|P|{ver}"
    if charset:
        m += f"|||AL|NE||{charset}"
    return m + tail


def seg(name, *pv):
    """A segment with values at their HL7 positions: seg("OBR", 1, "1", 18, "ACC")."""
    n = max(pv[0::2])
    v = [""] * (n + 1)
    v[0] = name
    for i in range(0, len(pv), 2):
        v[pv[i]] = pv[i + 1]
    return "|".join(v)

def oru_obr(pl, fl, code, acc, reported, status):
    return seg("OBR", 1, "1", 2, pl, 3, fl, 4, code, 7, "20261126100000", 18, acc, 22, reported, 25, status)

def ft1(txn, kind, code, fl):
    return seg("FT1", 1, "1", 2, txn, 4, "20261126160000", 6, kind, 7, code, 10, "1", 23, fl)

def sch(start, pl, fl):
    return seg("SCH", 1, "PA42", 2, "AP42", 9, "30", 10, "MIN", 11, "^^30^" + start, 26, pl, 27, fl)

SWF = "IHE Radiology Scheduled Workflow"
STD = "the HL7 v{} standard's {} segment definitions"
# ---------- scenario A: HL7 2.3.1, IHE SWF style, NORTH ----------
A = "CF1001"
add("2.3.1", "orm-nw-zds", "ORM^O01", "CR", "none", f"modelled on {SWF} RAD-4 (Procedure Scheduled, ORM v2.3.1 with the ZDS study-instance-UID segment)", "AA",
    "clinical", "NORTH", A, "ORDER_RECEIVED", f"study NORTH/{A} opened at ORDER_RECEIVED",
    [msh("RIS", "NORTH", "ORM^O01", "A-1", "2.3.1"),
     "PID|1||MRN1001^^^NORTH^MR||SMITH^JOHN^^^MR||19700214|M|||1 HIGH ST^^LEEDS^^LS1 4AB",
     "PV1|1|O|CT^^^NORTH||||1234^WELBY^MARCUS",
     "ORC|NW|PLCF1001^RIS|FLCF1001^RIS||SC||1^^^20261126100000^^R||20261126093000|||1234^WELBY^MARCUS",
     "OBR|1|PLCF1001^RIS|FLCF1001^RIS|CTHEAD^CT Head without contrast^L|||20261126093000|||||||||1234^WELBY^MARCUS||" + A + "|RP" + A + "|SPS" + A + "||||CT|||1^^^20261126100000^^R",
     "ZDS|1.2.826.0.1.3680043.2.1125.1001^RADFLOW^Application^DICOM"])
add("2.3.1", "orm-sc-ip-lf", "ORM^O01", "LF", "none", "written for radflow (a modality worklist broker's status, one segment per line)", "AA",
    "imaging", "NORTH", A, "ACQUISITION_IN_PROGRESS", "imaging ACQUISITION_IN_PROGRESS",
    [msh("MWL", "NORTH", "ORM^O01", "A-2", "2.3.1"),
     "PID|1||MRN1001^^^NORTH^MR||SMITH^JOHN",
     "ORC|SC|PLCF1001^RIS|FLCF1001^RIS||IP||||20261126100500",
     "OBR|1|PLCF1001^RIS|FLCF1001^RIS|CTHEAD^CT Head without contrast^L||||||||||||||" + A + "||||||CT|||"])
add("2.3.1", "orm-sc-cm-crlf", "ORM^O01", "CRLF", "none", "written for radflow (a sender that writes CRLF lines, as Windows interface engines do)", "AA",
    "imaging", "NORTH", A, "ACQUISITION_COMPLETE", "imaging ACQUISITION_COMPLETE",
    [msh("MWL", "NORTH", "ORM^O01", "A-3", "2.3.1"),
     "PID|1||MRN1001^^^NORTH^MR||SMITH^JOHN",
     "ORC|SC|PLCF1001^RIS|FLCF1001^RIS||CM||||20261126101500",
     "OBR|1|PLCF1001^RIS|FLCF1001^RIS|CTHEAD^CT Head without contrast^L||||||||||||||" + A])
add("2.3.1", "oru-p-tx-nte", "ORU^R01", "CR", "none", "modelled on the HL7 v2.3.1 standard's ORU^R01 example (several TX OBX lines, NTE)", "AA",
    "imaging", "NORTH", A, "REPORT_PRELIMINARY", "imaging REPORT_PRELIMINARY (report body stored)",
    [msh("DICTA", "NORTH", "ORU^R01", "A-4", "2.3.1"),
     "PID|1||MRN1001^^^NORTH^MR||SMITH^JOHN||19700214|M",
     oru_obr("PLCF1001^RIS", "FLCF1001^RIS", "CTHEAD^CT Head without contrast^L", A, "20261126113000", "P"),
     "NTE|1|L|Preliminary read, to be verified by the attending radiologist",
     "OBX|1|TX|CTHEAD&GDT^Findings||No intracranial haemorrhage.||||||P",
     "OBX|2|TX|CTHEAD&GDT^Findings||Ventricles and sulci are normal for age.||||||P",
     "OBX|3|TX|CTHEAD&IMP^Impression||No acute abnormality.||||||P"],
    before=f"commit-images NORTH/{A}")
add("2.5.1", "oru-f-ft-escapes", "ORU^R01", "CR", "none", "modelled on the HL7 v2.5.1 standard's ORU^R01 example; FT with escape sequences \\F\\ \\S\\ \\T\\ \\R\\ \\E\\ and \\.br\\ written for radflow", "AA",
    "imaging", "NORTH", A, "REPORT_FINALISED", "imaging REPORT_FINALISED",
    [msh("DICTA", "NORTH", "ORU^R01", "A-5", "2.5.1"),
     "PID|1||MRN1001^^^NORTH^MR||SMITH^JOHN||19700214|M",
     "ORC|RE|PLCF1001^RIS|FLCF1001^RIS||CM",
     oru_obr("PLCF1001^RIS", "FLCF1001^RIS", "CTHEAD^CT Head without contrast^L", A, "20261126120000", "F"),
     "OBX|1|FT|18782-3^Radiology Study observation^LN||CT HEAD\\.br\\Technique: axial 5 mm\\F\\ no contrast\\.br\\Density 40\\S\\45 HU\\.br\\Ratio A\\T\\B; path C:\\E\\reports\\E\\1001||||||F",
     "OBX|2|FT|19005-8^Radiology Imaging study impression^LN||No acute abnormality.\\R\\Compare prior\\.br\\Signed||||||F|||20261126120000"])
add("2.5.1", "oru-c-tx", "ORU^R01", "CR", "none", "written for radflow (a correction re-issued by the dictation system)", "AA",
    "imaging", "NORTH", A, "REPORT_AMENDED", "imaging REPORT_AMENDED",
    [msh("DICTA", "NORTH", "ORU^R01", "A-6", "2.5.1"),
     "PID|1||MRN1001^^^NORTH^MR||SMITH^JOHN",
     oru_obr("PLCF1001^RIS", "FLCF1001^RIS", "CTHEAD^CT Head without contrast^L", A, "20261126150000", "C"),
     "OBX|1|TX|19005-8^Impression^LN||Addendum: small old infarct, left occipital.||||||C",
     "OBX|2|TX|19005-8^Impression^LN||No acute abnormality.||||||C"])
add("2.5", "dft-p03-ft1-23", "DFT^P03", "CR", "none", "modelled on the HL7 v2.5 standard's DFT^P03 / FT1 definitions (FT1-23 = filler order number)", "AA",
    "administrative", "NORTH", A, "CHARGE_SEEDED", "charge seeded, study found by filler order number RIS/FLCF1001",
    [msh("BILL", "NORTH", "DFT^P03", "A-7", "2.5"),
     "EVN|P03|20261126160000",
     "PID|1||MRN1001^^^NORTH^MR||SMITH^JOHN",
     ft1("TXN-1001", "CG", "70450^CT HEAD W/O CONTRAST^C4", "FLCF1001^RIS")])
# ---------- scenario B: HL7 2.3, Latin-1 ----------
B = "CF2001"
add("2.3", "orm-nw-8859-1", "ORM^O01", "CR", "8859/1", "written for radflow in the style of a v2.3 RIS (MSH-18 8859/1, names in Latin-1 bytes, empty trailing fields)", "AA",
    "clinical", "NORTH", B, "ORDER_RECEIVED", f"study NORTH/{B} opened at ORDER_RECEIVED",
    [msh("RIS", "NORTH", "ORM^O01", "B-1", "2.3", "8859/1"),
     "PID|1||MRN2001^^^NORTH^MR||MÜLLER^JOSÉ^^^||19651102|M|||Straße 5^^Köln||||||||||||||||",
     "PV1|1|I|WARD3^^^NORTH||||||||||||||||||||||||||||||||||||||||||",
     "ORC|NW|PLCF2001^RIS|FLCF2001^RIS||||||20261126093000|||||||",
     "OBR|1|PLCF2001^RIS|FLCF2001^RIS|MRKNEE^IRM genou droit^L||||||||||||||" + B + "||||||MR||||||||||||"])
add("2.3", "orm-sc-ip-8859-1", "ORM^O01", "CR", "8859/1", "written for radflow (v2.3 status message, Latin-1)", "AA",
    "imaging", "NORTH", B, "ACQUISITION_IN_PROGRESS", "imaging ACQUISITION_IN_PROGRESS",
    [msh("RIS", "NORTH", "ORM^O01", "B-2", "2.3", "8859/1"),
     "PID|1||MRN2001^^^NORTH^MR||MÜLLER^JOSÉ",
     "ORC|SC|PLCF2001^RIS|FLCF2001^RIS||IP||||20261126100000",
     "OBR|1|PLCF2001^RIS|FLCF2001^RIS|MRKNEE^IRM genou droit^L||||||||||||||" + B])
add("2.3", "oru-f-held-8859-1", "ORU^R01", "LF", "8859/1", "written for radflow (a v2.3 final report before the images are committed; Latin-1 text)", "AA",
    "imaging", "NORTH", B, "ACQUISITION_IN_PROGRESS", "held until the images are committed; imaging stays ACQUISITION_IN_PROGRESS",
    [msh("DICTA", "NORTH", "ORU^R01", "B-3", "2.3", "8859/1"),
     "PID|1||MRN2001^^^NORTH^MR||MÜLLER^JOSÉ",
     oru_obr("PLCF2001^RIS", "FLCF2001^RIS", "MRKNEE^IRM genou droit^L", B, "20261126120000", "F"),
     "OBX|1|TX|IMP^Conclusion||Lésion méniscale interne, grade II. Épanchement modéré.||||||F",
     "NTE|1||Dicté par Dr Lefèvre"])
add("2.3", "adt-a08-8859-1", "ADT^A08", "CR", "8859/1", "modelled on the HL7 v2.3 standard's ADT^A08 (update patient information) definition", "AA",
    "clinical", "NORTH", B, "ORDER_RECEIVED", "noted; no study changes",
    [msh("PAS", "NORTH", "ADT^A08", "B-4", "2.3", "8859/1"),
     "EVN|A08|20261126093500",
     "PID|1||MRN2001^^^NORTH^MR||MÜLLER^JOSÉ^ANDRÉ||19651102|M",
     "PV1|1|I|WARD3^^^NORTH"])
add("2.3", "adt-a03-unmapped", "ADT^A03", "CR", "none", "modelled on the HL7 v2.3 standard's ADT^A03 (discharge) definition", "AR",
    "deadletter", "-", "-", "UNSUPPORTED_MESSAGE", "dead letter UNSUPPORTED_MESSAGE",
    [msh("PAS", "NORTH", "ADT^A03", "B-5", "2.3"),
     "EVN|A03|20261126180000",
     "PID|1||MRN2001^^^NORTH^MR||MULLER^JOSE",
     "PV1|1|I|WARD3^^^NORTH"])
# ---------- scenario C: HL7 2.4, UTF-8, lower-case accession ----------
C = "ct-2026-0042"
add("2.4", "orm-nw-utf8-lowercase", "ORM^O01", "CRLF", "UNICODE UTF-8", "written for radflow (MSH-18 UNICODE UTF-8, names encoded in UTF-8, a lower-case accession)", "AA",
    "clinical", "NORTH", C, "ORDER_RECEIVED", f"study NORTH/{C} opened at ORDER_RECEIVED (case kept)",
    [msh("RIS", "NORTH", "ORM^O01", "C-1", "2.4", "UNICODE UTF-8"),
     "PID|1||MRN3001^^^NORTH^MR||ŻÓŁKIEWSKA^ZOË||19901224|F",
     "ORC|NW|PL42^RIS|FL42^RIS||||||20261126093000",
     "OBR|1|PL42^RIS|FL42^RIS|CTCHEST^CT thorax — contrasté^L||||||||||||||" + C + "||||||CT",
     "ZPI|1|Allergie: iodé ✓"])
add("2.4", "siu-s12-sch26-27", "SIU^S12", "CR", "UNICODE UTF-8", "modelled on the HL7 v2.4 standard's SIU^S12 / SCH definitions (SCH-26/27 = placer/filler order numbers)", "AA",
    "clinical", "NORTH", C, "ORDER_RECEIVED", "booking held until identity is validated",
    [msh("SCHED", "NORTH", "SIU^S12", "C-2", "2.4", "UNICODE UTF-8"),
     sch("202611271000^202611271030", "PL42^RIS", "FL42^RIS"),
     "PID|1||MRN3001^^^NORTH^MR||ŻÓŁKIEWSKA^ZOË",
     "RGS|1",
     "AIS|1||CTCHEST^CT thorax"])
add("2.4", "siu-s14-after-identity", "SIU^S14", "LF", "UNICODE UTF-8", "written for radflow (a modified booking after identity is validated)", "AA",
    "clinical", "NORTH", C, "PROCEDURE_SCHEDULED", "PROCEDURE_SCHEDULED",
    [msh("SCHED", "NORTH", "SIU^S14", "C-3", "2.4", "UNICODE UTF-8"),
     sch("202611271100^202611271130", "PL42^RIS", "FL42^RIS"),
     "PID|1||MRN3001^^^NORTH^MR||ŻÓŁKIEWSKA^ZOË"],
    before=f"validate-identity NORTH/{C}")
add("2.4", "siu-s15-cancel", "SIU^S15", "CR", "none", "modelled on the HL7 v2.4 standard's SIU^S15 definition", "AA",
    "clinical", "NORTH", C, "IDENTITY_VALIDATED", "appointment cancelled; back to IDENTITY_VALIDATED",
    [msh("SCHED", "NORTH", "SIU^S15", "C-4", "2.4"),
     sch("202611271100^202611271130", "PL42^RIS", "FL42^RIS"),
     "PID|1||MRN3001^^^NORTH^MR||ZOLKIEWSKA^ZOE"])
add("2.4", "orm-ca", "ORM^O01", "CR", "none", f"modelled on {SWF} RAD-3/RAD-13 (order cancelled, ORC-1 CA)", "AA",
    "clinical", "NORTH", C, "CANCELLED", "study CANCELLED",
    [msh("RIS", "NORTH", "ORM^O01", "C-5", "2.4"),
     "PID|1||MRN3001^^^NORTH^MR||ZOLKIEWSKA^ZOE",
     "ORC|CA|PL42^RIS|FL42^RIS||CA||||20261126110000",
     "OBR|1|PL42^RIS|FL42^RIS|CTCHEST^CT thorax^L||||||||||||||" + C])
# ---------- scenario D: HL7 2.5, OMI, facility by namespace only, accession with a space ----------
D = "ACC 77"
add("2.5", "omi-o23-ipc-space", "OMI^O23", "CR", "none", f"modelled on {SWF} RAD-4 in its v2.5.1 OMI^O23 form (IPC segment); accession with a space written for radflow", "AA",
    "clinical", "SOUTH", D, "ORDER_RECEIVED", f"study SOUTH/{D} opened at ORDER_RECEIVED with its study instance UID",
    [msh("RIS", "SOUTHHOSP", "OMI^O23", "D-1", "2.5"),
     "PID|1||MRN4001^^^SOUTHHOSP^MR||JONES^ANN||19551010|F",
     "PV1|1|O",
     "ORC|NW|PL77^SOUTHHOSP|FL77^SOUTHHOSP||SC||||20261126090000",
     "TQ1|1||||||20261126100000||R",
     "OBR|1|PL77^SOUTHHOSP|FL77^SOUTHHOSP|XRCHEST^Chest X-ray PA^L||||||||||||||ACC 77||||||CR",
     "IPC|ACC 77^SOUTH|RP77|1.2.826.0.1.3680043.2.1125.77|SPS77|CR"])
add("2.5", "omi-sc-ip", "OMI^O23", "CR", "none", "written for radflow (acquisition started, reported by order status)", "AA",
    "imaging", "SOUTH", D, "ACQUISITION_IN_PROGRESS", "imaging ACQUISITION_IN_PROGRESS",
    [msh("RIS", "SOUTHHOSP", "OMI^O23", "D-2", "2.5"),
     "PID|1||MRN4001^^^SOUTHHOSP^MR||JONES^ANN",
     "ORC|SC|PL77^SOUTHHOSP|FL77^SOUTHHOSP||IP||||20261126100500",
     "OBR|1|PL77^SOUTHHOSP|FL77^SOUTHHOSP|XRCHEST^Chest X-ray PA^L||||||||||||||ACC 77",
     "IPC|ACC 77^SOUTH|RP77|1.2.826.0.1.3680043.2.1125.77|SPS77|CR"])
add("2.5", "omi-xo-z-segment", "OMI^O23", "CRLF", "none", "written for radflow (order changed, ORC-1 XO, with a site Z-segment after the order group)", "AA",
    "imaging", "SOUTH", D, "ACQUISITION_IN_PROGRESS", "ORDER_CHANGED recorded; imaging stays ACQUISITION_IN_PROGRESS",
    [msh("RIS", "SOUTHHOSP", "OMI^O23", "D-3", "2.5"),
     "PID|1||MRN4001^^^SOUTHHOSP^MR||JONES^ANN",
     "ORC|XO|PL77^SOUTHHOSP|FL77^SOUTHHOSP||SC||||20261126100200",
     "OBR|1|PL77^SOUTHHOSP|FL77^SOUTHHOSP|XRCHEST2^Chest X-ray PA and lateral^L||||||||||||||ACC 77||||||CR",
     "IPC|ACC 77^SOUTH|RP77|1.2.826.0.1.3680043.2.1125.77|SPS77|CR",
     "ZOR|1|PORTABLE|N"])
add("2.5", "adt-a04-z-segment", "ADT^A04", "LF", "none", "modelled on the HL7 v2.5 standard's ADT^A04 (register a patient) with a site ZPV segment", "AA",
    "imaging", "SOUTH", D, "ACQUISITION_IN_PROGRESS", "noted; no study changes",
    [msh("PAS", "SOUTHHOSP", "ADT^A04", "D-4", "2.5"),
     "EVN|A04|20261126080000",
     "PID|1||MRN4001^^^SOUTHHOSP^MR~NHS9434765919^^^NHS^NH||JONES^ANN||19551010|F",
     "PV1|1|O|XR^^^SOUTHHOSP",
     "ZPV|1|SELF-REFERRAL"])
# ---------- scenario E: HL7 2.5.1, dead letters and edge cases ----------
add("2.5.1", "orm-nw-no-accession", "ORM^O01", "CR", "none", "written for radflow (an order whose OBR-18 is empty)", "AR",
    "deadletter", "-", "-", "MISSING_FIELD", "dead letter MISSING_FIELD",
    [msh("RIS", "NORTH", "ORM^O01", "E-1", "2.5.1"),
     "PID|1||MRN5001^^^NORTH^MR||BROWN^ALI",
     "ORC|NW|PL5001^RIS|FL5001^RIS||||||20261126093000",
     "OBR|1|PL5001^RIS|FL5001^RIS|USABD^US abdomen^L"])
add("2.5.1", "oru-f-unknown-order", "ORU^R01", "CR", "none", "written for radflow (a report naming only an order number nobody sent)", "AR",
    "deadletter", "-", "-", "UNKNOWN_STUDY", "dead letter UNKNOWN_STUDY",
    [msh("DICTA", "NORTH", "ORU^R01", "E-2", "2.5.1"),
     "PID|1||MRN5001^^^NORTH^MR||BROWN^ALI",
     oru_obr("PLNOPE^RIS", "FLNOPE^RIS", "USABD^US abdomen^L", "", "20261126120000", "F"),
     "OBX|1|TX|IMP^Impression||Normal.||||||F"])
add("2.5.1", "orm-nw-unknown-charset", "ORM^O01", "CR", "none", "written for radflow (MSH-18 names a charset radflow does not map)", "AR",
    "deadletter", "-", "-", "UNSUPPORTED_VALUE", "dead letter UNSUPPORTED_VALUE",
    [msh("RIS", "NORTH", "ORM^O01", "E-3", "2.5.1", "ISO IR87"),
     "PID|1||MRN5002^^^NORTH^MR||BROWN^ALI",
     "ORC|NW|PL5002^RIS|FL5002^RIS",
     "OBR|1|PL5002^RIS|FL5002^RIS|USABD^US abdomen^L||||||||||||||CF5002"])
add("2.5.1", "dft-p03-credit", "DFT^P03", "CR", "none", "modelled on the HL7 v2.5.1 standard's DFT^P03 / FT1 definitions (FT1-6 CD, a credit)", "AR",
    "deadletter", "-", "-", "UNSUPPORTED_VALUE", "dead letter (credits belong to the billing system)",
    [msh("BILL", "NORTH", "DFT^P03", "E-4", "2.5.1"),
     "EVN|P03|20261126170000",
     "PID|1||MRN1001^^^NORTH^MR||SMITH^JOHN",
     ft1("TXN-1002", "CD", "70450^CT HEAD W/O CONTRAST^C4", "FLCF1001^RIS")])
F = "CF6001"
add("2.5.1", "orm-nw-facility-namespace", "ORM^O01", "LF", "UNICODE UTF-8", "written for radflow (MSH-4 by namespace only, no universal ID; trailing empty fields; UTF-8)", "AA",
    "clinical", "EASTHOSP", F, "ORDER_RECEIVED", f"study EASTHOSP/{F} opened at ORDER_RECEIVED (authority from MSH-4)",
    [msh("RIS", "EASTHOSP", "ORM^O01", "F-1", "2.5.1", "UNICODE UTF-8"),
     "PID|1||MRN6001^^^EASTHOSP^MR||O’NEILL^SIÂN||19880303|F||||||||||",
     "ORC|NW|PL6001|FL6001||||||20261126093000||||||||",
     "OBR|1|PL6001|FL6001|MRBRAIN^MR brain^L||||||||||||||" + F + "||||||MR|||||||||||||||"])
add("2.5.1", "dft-p03-with-obr", "DFT^P03", "CRLF", "none", "modelled on the HL7 v2.5.1 standard's DFT^P03 (the order group ORC/OBR before FT1; the study found by OBR-18; empty trailing FT1 fields)", "AA",
    "administrative", "EASTHOSP", F, "CHARGE_SEEDED", "charge seeded, found by OBR-18",
    [msh("BILL", "EASTHOSP", "DFT^P03", "F-2", "2.5.1"),
     "EVN|P03|20261126170000",
     "PID|1||MRN6001^^^EASTHOSP^MR||ONEILL^SIAN",
     "ORC|NW|PL6001|FL6001",
     "OBR|1|PL6001|FL6001|MRBRAIN^MR brain^L||||||||||||||" + F,
     "FT1|1|TXN-6001||20261126170000||CG|70551^MRI BRAIN W/O CONTRAST^C4|||1|||||||||||||"])
G = "CF7001"
add("2.5.1", "orm-nw-facility-universal-id", "ORM^O01", "CR", "none", "written for radflow (MSH-4 by universal ID only: ^OID^ISO, as HL7 v2.5.1 HD allows)", "AA",
    "clinical", "1.2.826.0.1.3680043.2.1125.9", G, "ORDER_RECEIVED", f"study opened under the facility's universal ID",
    [msh("RIS", "^1.2.826.0.1.3680043.2.1125.9^ISO", "ORM^O01", "G-1", "2.5.1"),
     "PID|1||MRN7001^^^HOSP7^MR||GREEN^TOM||19770707|M",
     "ORC|NW|PL7001|FL7001||||||20261126093000",
     "OBR|1|PL7001|FL7001|CTABD^CT abdomen^L||||||||||||||" + G + "||||||CT"])

# ---------- scenario H: lower case with spaces, across 2.3 and 2.4 ----------
H = "mr 2026 118"
add("2.4", "orm-nw-lowercase-spaces-8859-1", "ORM^O01", "CR", "8859/1", "written for radflow (a RIS whose accessions are lower case with spaces; Latin-1 names)", "AA",
    "clinical", "NORTH", H, "ORDER_RECEIVED", f"study NORTH/{H} opened at ORDER_RECEIVED (spaces and case kept)",
    [msh("RIS", "NORTH", "ORM^O01", "H-1", "2.4", "8859/1"),
     "PID|1||MRN8001^^^NORTH^MR||NØRGÅRD^ÆBLE||19720606|F",
     "ORC|NW|PL8001^RIS|FL8001^RIS||||||20261126093000",
     seg("OBR", 1, "1", 2, "PL8001^RIS", 3, "FL8001^RIS", 4, "MRSPINE^IRM rachis lombaire^L", 18, H, 24, "MR")])
add("2.3", "orm-sc-ip-lf", "ORM^O01", "LF", "none", "written for radflow (v2.3 status, LF endings)", "AA",
    "imaging", "NORTH", H, "ACQUISITION_IN_PROGRESS", "imaging ACQUISITION_IN_PROGRESS",
    [msh("MWL", "NORTH", "ORM^O01", "H-2", "2.3"),
     "PID|1||MRN8001^^^NORTH^MR||NORGARD^AEBLE",
     "ORC|SC|PL8001^RIS|FL8001^RIS||IP||||20261126100000",
     seg("OBR", 1, "1", 2, "PL8001^RIS", 3, "FL8001^RIS", 4, "MRSPINE^IRM rachis lombaire^L", 18, H)])
add("2.3", "orm-sc-cm", "ORM^O01", "CR", "none", "written for radflow (v2.3 status, acquisition completed)", "AA",
    "imaging", "NORTH", H, "ACQUISITION_COMPLETE", "imaging ACQUISITION_COMPLETE",
    [msh("MWL", "NORTH", "ORM^O01", "H-3", "2.3"),
     "PID|1||MRN8001^^^NORTH^MR||NORGARD^AEBLE",
     "ORC|SC|PL8001^RIS|FL8001^RIS||CM||||20261126103000",
     seg("OBR", 1, "1", 2, "PL8001^RIS", 3, "FL8001^RIS", 4, "MRSPINE^IRM rachis lombaire^L", 18, H)])
add("2.4", "oru-f-ft-nte-8859-1-crlf", "ORU^R01", "CRLF", "8859/1", "modelled on the HL7 v2.4 standard's ORU^R01 example (several FT OBX, NTE); Latin-1 text and \\.br\\ written for radflow", "AA",
    "imaging", "NORTH", H, "REPORT_FINALISED", "imaging REPORT_FINALISED",
    [msh("DICTA", "NORTH", "ORU^R01", "H-4", "2.4", "8859/1"),
     "PID|1||MRN8001^^^NORTH^MR||NØRGÅRD^ÆBLE",
     "ORC|RE|PL8001^RIS|FL8001^RIS||CM",
     oru_obr("PL8001^RIS", "FL8001^RIS", "MRSPINE^IRM rachis lombaire^L", H, "20261126140000", "F"),
     "NTE|1|L|Compte rendu validé",
     "OBX|1|FT|GDT^Résultats||Discopathie L4\\T\\L5.\\.br\\Pas de hernie.||||||F",
     "OBX|2|FT|GDT^Résultats||Canal lombaire de calibre normal.||||||F",
     "OBX|3|FT|IMP^Conclusion||Discopathie dégénérative L4\\T\\L5 sans conflit.||||||F",
     "NTE|1|L|Envoyé au médecin prescripteur"],
    before=f"commit-images NORTH/{H}")
add("2.3", "dft-p03-obr-lowercase", "DFT^P03", "CR", "none", "modelled on the HL7 v2.3 standard's DFT^P03 definition (order group before FT1, OBR-18 in lower case with spaces)", "AA",
    "administrative", "NORTH", H, "CHARGE_SEEDED", "charge seeded, found by OBR-18",
    [msh("BILL", "NORTH", "DFT^P03", "H-5", "2.3"),
     "EVN|P03|20261126160000",
     "PID|1||MRN8001^^^NORTH^MR||NORGARD^AEBLE",
     "ORC|NW|PL8001^RIS|FL8001^RIS",
     seg("OBR", 1, "1", 2, "PL8001^RIS", 3, "FL8001^RIS", 4, "MRSPINE^IRM rachis lombaire^L", 18, H),
     ft1("TXN-8001", "CG", "72148^MRI LUMBAR SPINE W/O CONTRAST^C4", "FL8001^RIS")])
# ---------- scenario I: a report for an order radflow never saw (downtime) ----------
I = "CF9001"
add("2.3.1", "oru-f-downtime-join", "ORU^R01", "CR", "none", "written for radflow (a final report typed during a RIS downtime: no prior order)", "AA",
    "imaging", "NORTH", I, "REPORT_FINALISED", f"study NORTH/{I} joins late (DOWNTIME_RECOVERY) at REPORT_FINALISED",
    [msh("DICTA", "NORTH", "ORU^R01", "I-1", "2.3.1"),
     "PID|1||MRN9001^^^NORTH^MR||KHAN^SARA",
     oru_obr("PL9001^RIS", "FL9001^RIS", "XRHAND^XR hand^L", I, "20261126110000", "F"),
     "OBX|1|TX|IMP^Impression||No fracture.||||||F"])
add("2.5.1", "oru-f-resent-new-msh10", "ORU^R01", "CR", "none", "written for radflow (the same final report re-sent with a new MSH-10 after a lost ACK)", "AA",
    "imaging", "NORTH", I, "REPORT_FINALISED", "already recorded; no change",
    [msh("DICTA", "NORTH", "ORU^R01", "I-2", "2.5.1"),
     "PID|1||MRN9001^^^NORTH^MR||KHAN^SARA",
     oru_obr("PL9001^RIS", "FL9001^RIS", "XRHAND^XR hand^L", I, "20261126110000", "F"),
     "OBX|1|TX|IMP^Impression||No fracture.||||||F"])

# ---------- scenario J: later messages for earlier studies ----------
add("2.3.1", "siu-s12-sch26-only-lf", "SIU^S12", "LF", "none", "modelled on the HL7 v2.3.1 standard's SIU^S12 / SCH definitions (only SCH-26, the placer order number, without namespace)", "AA",
    "clinical", "EASTHOSP", "CF6001", "ORDER_RECEIVED", "booking held until identity is validated",
    [msh("SCHED", "EASTHOSP", "SIU^S12", "J-1", "2.3.1"),
     seg("SCH", 1, "PA6001", 2, "AP6001", 9, "20", 10, "MIN", 11, "^^20^202611281400^202611281420", 26, "PL6001"),
     "PID|1||MRN6001^^^EASTHOSP^MR||ONEILL^SIAN",
     "RGS|1",
     "AIS|1||MRBRAIN^MR brain"])
add("2.5.1", "adt-a40-merge", "ADT^A40", "CRLF", "UNICODE UTF-8", "modelled on the HL7 v2.5.1 standard's ADT^A40 (merge patient, MRG segment) definition", "AA",
    "patient", "NORTH", "CF2001", "NORTH/MRN2999", "patient merged: study NORTH/CF2001 now belongs to the survivor NORTH/MRN2999",
    [msh("PAS", "NORTH", "ADT^A40", "J-2", "2.5.1", "UNICODE UTF-8"),
     "EVN|A40|20261126170000|||||NORTH",
     "PID|1||MRN2999^^^NORTH^MR||MÜLLER^JOSÉ^ANDRÉ||19651102|M",
     "MRG|MRN2001^^^NORTH^MR"])

import csv
hdr = ["seq","file","type","version","ending","charset","source","before","ack","track","authority","accession","state","effect"]
with open(f"{base}/manifest.tsv", "w", newline="") as f:
    f.write("# The HL7 conformance suite: one message per row, sent in seq order over MLLP by ConformanceSuiteTest.\n")
    f.write("# charset: MSH-18 (none = absent; the file is then ASCII). before: what the test does to the study first (steps no message does).\n")
    f.write("# track/authority/accession/state: the study's state after the message; track deadletter = the dead letter's error code; track patient = the study's patient (authority/id).\n")
    f.write("\t".join(hdr) + "\n")
    for r in rows:
        assert all("\t" not in c for c in r)
        f.write("\t".join(r) + "\n")
print(len(rows))
