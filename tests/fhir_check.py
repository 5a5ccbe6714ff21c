# SPDX-License-Identifier: ISC
"""Checks smpscreen's FHIR R4 output against the parts of the R4 definitions it uses.

Usage: fhir_check.py QUESTIONNAIRE.json [BUNDLES.json...]

QUESTIONNAIRE.json is the output of `smpscreen questions --format fhir`; each BUNDLES.json
is the output of `smpscreen screen --format fhir` (one Bundle, or an array of Bundles).
Checked, from the R4 specification (hl7.org/fhir/R4): every element the output uses is an
element of its type (no misspelt or invented keys); cardinalities 1..1 and 1..*; value[x]
choices with exactly one type; primitive formats (dateTime, instant, uri, code, id,
integer, string); required bindings (Bundle.type, statuses, item types, enableWhen
operators); the invariants ele-1, ext-1, bdl-1..4/7/8, qrs-1/2, que-0..7/10/12 as far as
they apply; and between the resources: the response's canonical names the Questionnaire,
every linkId exists there and comes in its order, answers have the item's type and a
Coding is one of the item's answerOptions, every item answered is enabled by its
enableWhen (evaluated as R4 says) and every enabled required item is answered, and the
RiskAssessment's basis names the response's fullUrl. Only the standard library: no
network, no validator package.

Prints nothing and exits 0 when all is well; otherwise one line per problem, exit 1.
"""

import json
import re
import sys

# R4 primitive formats (datatypes.html).
YEAR = r"([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)"
TZ = r"(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))"
TIME = r"([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?"
DATETIME = re.compile(
    YEAR + r"(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T" + TIME + TZ + r")?)?)?$")
INSTANT = re.compile(
    YEAR + r"-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T" + TIME + TZ + r"$")
CODE = re.compile(r"[^\s]+( [^\s]+)*$")
ID = re.compile(r"[A-Za-z0-9\-.]{1,64}$")
URI = re.compile(r"\S+$")
ABSOLUTE_URI = re.compile(r"(https?://[^/?#\s]+\S*|urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:\S+)$")
UUID_URN = re.compile(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
NAME = re.compile(r"[A-Z]([A-Za-z0-9_]){0,254}$")  # que-0

BUNDLE_TYPES = {"document", "message", "transaction", "transaction-response", "batch",
                "batch-response", "history", "searchset", "collection"}
QR_STATUS = {"in-progress", "completed", "amended", "entered-in-error", "stopped"}
RA_STATUS = {"registered", "preliminary", "final", "amended", "corrected", "cancelled",
             "entered-in-error", "unknown"}
PUBLICATION_STATUS = {"draft", "active", "retired", "unknown"}
ITEM_TYPES = {"group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time",
              "string", "text", "url", "choice", "open-choice", "attachment", "reference",
              "quantity"}
OPERATORS = {"exists", "=", "!=", ">", "<", ">=", "<="}
DATA_ABSENT = {"unknown", "asked-unknown", "temp-unknown", "not-asked", "asked-declined",
               "masked", "not-applicable", "unsupported", "as-text", "error", "not-a-number",
               "negative-infinity", "positive-infinity", "not-performed", "not-permitted"}
SUITABILITY = {"suitable", "caveats", "refer", "defer", "unsuitable"}
PATCH = {"not_needed", "recommended", "required"}
SUITABILITY_SYSTEM = "https://smpscreen.org/fhir/CodeSystem/suitability"
PATCH_SYSTEM = "https://smpscreen.org/fhir/CodeSystem/patch-test"

RESOURCE = {"resourceType", "id", "meta", "implicitRules", "language"}
DOMAIN = RESOURCE | {"text", "contained", "extension", "modifierExtension"}
# The elements of each type the output uses (R4 definitions), to catch invented keys.
ELEMENTS = {
    "Bundle": RESOURCE | {"identifier", "type", "timestamp", "total", "link", "entry",
                          "signature"},
    "Bundle.entry": {"id", "extension", "modifierExtension", "link", "fullUrl", "resource",
                     "search", "request", "response"},
    "QuestionnaireResponse": DOMAIN | {"identifier", "basedOn", "partOf", "questionnaire",
                                       "status", "subject", "encounter", "authored",
                                       "author", "source", "item"},
    "QuestionnaireResponse.item": {"id", "extension", "modifierExtension", "linkId",
                                   "definition", "text", "answer", "item"},
    "QuestionnaireResponse.item.answer": {"id", "extension", "modifierExtension", "item",
                                          "valueBoolean", "valueDecimal", "valueInteger",
                                          "valueDate", "valueDateTime", "valueTime",
                                          "valueString", "valueUri", "valueAttachment",
                                          "valueCoding", "valueQuantity", "valueReference"},
    "RiskAssessment": DOMAIN | {"identifier", "basedOn", "parent", "status", "method",
                                "code", "subject", "encounter", "occurrenceDateTime",
                                "occurrencePeriod", "condition", "performer", "reasonCode",
                                "reasonReference", "basis", "prediction", "mitigation",
                                "note"},
    "RiskAssessment.prediction": {"id", "extension", "modifierExtension", "outcome",
                                  "probabilityDecimal", "probabilityRange",
                                  "qualitativeRisk", "relativeRisk", "whenPeriod",
                                  "whenRange", "rationale"},
    "Questionnaire": DOMAIN | {"url", "identifier", "version", "name", "title",
                               "derivedFrom", "status", "experimental", "subjectType",
                               "date", "publisher", "contact", "description", "useContext",
                               "jurisdiction", "purpose", "copyright", "approvalDate",
                               "lastReviewDate", "effectivePeriod", "code", "item"},
    "Questionnaire.item": {"id", "extension", "modifierExtension", "linkId", "definition",
                           "code", "prefix", "text", "type", "enableWhen", "enableBehavior",
                           "required", "repeats", "readOnly", "maxLength", "answerValueSet",
                           "answerOption", "initial", "item"},
    "Questionnaire.item.enableWhen": {"id", "extension", "modifierExtension", "question",
                                      "operator", "answerBoolean", "answerDecimal",
                                      "answerInteger", "answerDate", "answerDateTime",
                                      "answerTime", "answerString", "answerCoding",
                                      "answerQuantity", "answerReference"},
    "Questionnaire.item.answerOption": {"id", "extension", "modifierExtension",
                                        "valueInteger", "valueDate", "valueTime",
                                        "valueString", "valueCoding", "valueReference",
                                        "initialSelected"},
    "Reference": {"id", "extension", "reference", "type", "identifier", "display"},
    "Identifier": {"id", "extension", "use", "type", "system", "value", "period",
                   "assigner"},
    "CodeableConcept": {"id", "extension", "coding", "text"},
    "Coding": {"id", "extension", "system", "version", "code", "display", "userSelected"},
    "Annotation": {"id", "extension", "authorReference", "authorString", "time", "text"},
    "Extension": {"id", "extension", "url"},  # plus one value[x]
}
EXTENSION_VALUES = {"valueString", "valueCode", "valueInteger", "valueBoolean",
                    "valueCoding", "valueUri", "valueDecimal"}


class Checker:
    def __init__(self):
        self.problems = []

    def bad(self, path, msg):
        self.problems.append("%s: %s" % (path, msg))

    # --- generic -------------------------------------------------------------------------
    def ele1(self, v, path):
        """ele-1 and the JSON rules: no null, no empty object, array or string."""
        if v is None:
            self.bad(path, "null is not allowed")
        elif isinstance(v, dict):
            if not v:
                self.bad(path, "empty object (ele-1)")
            for k, x in v.items():
                self.ele1(x, path + "." + k)
        elif isinstance(v, list):
            if not v:
                self.bad(path, "empty array")
            for i, x in enumerate(v):
                self.ele1(x, "%s[%d]" % (path, i))
        elif isinstance(v, str):
            if not v.strip():
                self.bad(path, "empty or blank string")

    def keys(self, obj, kind, path, extra=()):
        if not isinstance(obj, dict):
            self.bad(path, "%s must be an object" % kind)
            return False
        allowed = ELEMENTS[kind] | set(extra)
        for k in obj:
            if k not in allowed:
                self.bad(path, "'%s' is not an element of %s" % (k, kind))
        return True

    def required(self, obj, key, path):
        if key not in obj:
            self.bad(path, "'%s' is required (1..1)" % key)
            return False
        return True

    def string(self, v, path):
        if not isinstance(v, str) or not v.strip():
            self.bad(path, "must be a non-empty string")
            return False
        return True

    def fmt(self, v, rx, what, path):
        if not isinstance(v, str) or not rx.match(v):
            self.bad(path, "not a valid %s: %r" % (what, v))
            return False
        return True

    def code(self, v, path, allowed=None):
        if self.fmt(v, CODE, "code", path) and allowed is not None and v not in allowed:
            self.bad(path, "%r is not one of %s" % (v, sorted(allowed)))

    def boolean(self, v, path):
        if not isinstance(v, bool):
            self.bad(path, "must be a boolean")

    def integer(self, v, path):
        if isinstance(v, bool) or not isinstance(v, int) or not -2**31 <= v < 2**31:
            self.bad(path, "must be a 32-bit integer")

    def one_value(self, obj, prefix, allowed, path):
        """value[x]: exactly one of the choice types; returns (key, value)."""
        found = [k for k in obj if k.startswith(prefix) and k != prefix + "Set"]
        if prefix == "answer":
            found = [k for k in found if k not in ("answerOption", "answerValueSet")]
        if len(found) != 1:
            self.bad(path, "needs exactly one %s[x], has %s" % (prefix, found or "none"))
            return None, None
        if found[0] not in allowed:
            self.bad(path, "%s is not an allowed %s[x] type" % (found[0], prefix))
            return None, None
        return found[0], obj[found[0]]

    def coding(self, c, path):
        if self.keys(c, "Coding", path):
            if "system" in c:
                self.fmt(c["system"], ABSOLUTE_URI, "absolute uri", path + ".system")
            if "code" in c:
                self.code(c["code"], path + ".code")
            if "display" in c:
                self.string(c["display"], path + ".display")

    def concept(self, cc, path):
        if self.keys(cc, "CodeableConcept", path):
            for i, c in enumerate(cc.get("coding", [])):
                self.coding(c, "%s.coding[%d]" % (path, i))
            if "text" in cc:
                self.string(cc["text"], path + ".text")

    def identifier(self, ident, path):
        if self.keys(ident, "Identifier", path):
            if "system" in ident:
                self.fmt(ident["system"], ABSOLUTE_URI, "absolute uri", path + ".system")
            if "type" in ident:
                self.concept(ident["type"], path + ".type")
            if self.required(ident, "value", path):
                self.string(ident["value"], path + ".value")

    def reference(self, ref, path):
        if not self.keys(ref, "Reference", path):
            return
        if not any(k in ref for k in ("reference", "identifier", "display")):
            self.bad(path, "a Reference needs reference, identifier or display")
        if "reference" in ref:
            self.fmt(ref["reference"], URI, "reference", path + ".reference")
        if "identifier" in ref:
            self.identifier(ref["identifier"], path + ".identifier")
        if "display" in ref:
            self.string(ref["display"], path + ".display")

    def extensions(self, obj, path):
        for i, e in enumerate(obj.get("extension", [])):
            p = "%s.extension[%d]" % (path, i)
            if not self.keys(e, "Extension", p, EXTENSION_VALUES):
                continue
            if self.required(e, "url", p):
                self.fmt(e["url"], ABSOLUTE_URI, "absolute uri", p + ".url")
            values = [k for k in e if k.startswith("value")]
            # ext-1: extensions or a value, not both; and one value at most.
            if len(values) + (1 if "extension" in e else 0) != 1:
                self.bad(p, "needs exactly one value[x] or nested extensions (ext-1)")
            if e.get("url") == "http://hl7.org/fhir/StructureDefinition/data-absent-reason":
                self.code(e.get("valueCode"), p + ".valueCode", DATA_ABSENT)
            if "valueCoding" in e:
                self.coding(e["valueCoding"], p + ".valueCoding")
            if "valueInteger" in e:
                self.integer(e["valueInteger"], p + ".valueInteger")
            if "valueString" in e:
                self.string(e["valueString"], p + ".valueString")
            if "valueCode" in e:
                self.code(e["valueCode"], p + ".valueCode")

    # --- Questionnaire -------------------------------------------------------------------
    def questionnaire(self, q, path="Questionnaire"):
        self.ele1(q, path)
        if not self.keys(q, "Questionnaire", path):
            return {}
        if q.get("resourceType") != "Questionnaire":
            self.bad(path, "resourceType must be Questionnaire")
        if self.required(q, "status", path):
            self.code(q["status"], path + ".status", PUBLICATION_STATUS)
        if "url" in q:
            self.fmt(q["url"], ABSOLUTE_URI, "absolute uri", path + ".url")
        if "version" in q:
            self.string(q["version"], path + ".version")
        if "name" in q:
            self.fmt(q["name"], NAME, "computable name (que-0)", path + ".name")
        for k in ("title", "description"):
            if k in q:
                self.string(q[k], path + "." + k)
        for i, t in enumerate(q.get("subjectType", [])):
            self.code(t, "%s.subjectType[%d]" % (path, i))
        items = {}
        order = []
        self.q_items(q.get("item", []), path + ".item", items, order)
        for link, (it, p) in items.items():
            for j, ew in enumerate(it.get("enableWhen", [])):
                self.enable_when_target(ew, items, "%s.enableWhen[%d]" % (p, j))
        return {"url": q.get("url"), "version": q.get("version"), "items": items,
                "order": order}

    def q_items(self, items, path, seen, order):
        for i, it in enumerate(items):
            p = "%s[%d]" % (path, i)
            if not self.keys(it, "Questionnaire.item", p):
                continue
            self.extensions(it, p)
            if self.required(it, "linkId", p) and self.string(it["linkId"], p + ".linkId"):
                if it["linkId"] in seen:
                    self.bad(p, "linkId %r is not unique (que-2)" % it["linkId"])
                seen[it["linkId"]] = (it, p)
                order.append(it["linkId"])
            if "text" in it:
                self.string(it["text"], p + ".text")
            t = it.get("type")
            if self.required(it, "type", p):
                self.code(t, p + ".type", ITEM_TYPES)
            if t == "group" and not it.get("item"):
                self.bad(p, "a group needs nested items (que-1)")
            if t == "display":
                if it.get("item"):
                    self.bad(p, "display items cannot have nested items (que-1)")
                if "code" in it:
                    self.bad(p, "display items have no code (que-3)")
                if "required" in it or "repeats" in it:
                    self.bad(p, "required and repeats are not for display items (que-6)")
                if "answerOption" in it:
                    self.bad(p, "display items take no answers")
            if "answerOption" in it and "answerValueSet" in it:
                self.bad(p, "answerOption and answerValueSet together (que-4)")
            if ("answerOption" in it or "answerValueSet" in it) and t not in (
                    "choice", "open-choice", "decimal", "integer", "date", "time", "string",
                    "quantity"):
                self.bad(p, "answerOption on a %s item (que-5)" % t)
            if t in ("choice", "open-choice") and not (
                    it.get("answerOption") or it.get("answerValueSet")):
                self.bad(p, "a choice item without answerOption or answerValueSet")
            if "maxLength" in it:
                if t not in ("boolean", "decimal", "integer", "string", "text", "url",
                             "open-choice"):
                    self.bad(p, "maxLength on a %s item (que-10)" % t)
                self.integer(it["maxLength"], p + ".maxLength")
            for k in ("required", "repeats", "readOnly"):
                if k in it:
                    self.boolean(it[k], p + "." + k)
            for j, ao in enumerate(it.get("answerOption", [])):
                ap = "%s.answerOption[%d]" % (p, j)
                if self.keys(ao, "Questionnaire.item.answerOption", ap):
                    k, v = self.one_value(ao, "value", {"valueInteger", "valueDate",
                                                        "valueTime", "valueString",
                                                        "valueCoding", "valueReference"}, ap)
                    if k == "valueCoding":
                        self.coding(v, ap + ".valueCoding")
                        for need in ("system", "code"):
                            if need not in v:
                                self.bad(ap, "the option's Coding has no %s" % need)
            ews = it.get("enableWhen", [])
            if len(ews) > 1 and "enableBehavior" not in it:
                self.bad(p, "several enableWhen need enableBehavior (que-12)")
            if "enableBehavior" in it:
                self.code(it["enableBehavior"], p + ".enableBehavior", {"all", "any"})
            for j, ew in enumerate(ews):
                ep = "%s.enableWhen[%d]" % (p, j)
                if not self.keys(ew, "Questionnaire.item.enableWhen", ep):
                    continue
                if self.required(ew, "question", ep):
                    self.string(ew["question"], ep + ".question")
                if self.required(ew, "operator", ep):
                    self.code(ew["operator"], ep + ".operator", OPERATORS)
                k, v = self.one_value(ew, "answer", ELEMENTS["Questionnaire.item.enableWhen"]
                                      - {"id", "extension", "modifierExtension", "question",
                                         "operator"}, ep)
                if ew.get("operator") == "exists" and k != "answerBoolean":
                    self.bad(ep, "operator exists needs answerBoolean (que-7)")
                if k == "answerCoding":
                    self.coding(v, ep + ".answerCoding")
                elif k == "answerBoolean":
                    self.boolean(v, ep + ".answerBoolean")
                elif k == "answerInteger":
                    self.integer(v, ep + ".answerInteger")
            self.q_items(it.get("item", []), p + ".item", seen, order)

    def enable_when_target(self, ew, items, path):
        target = items.get(ew.get("question"))
        if target is None:
            self.bad(path, "question %r is no item of the Questionnaire" % ew.get("question"))
            return
        t = target[0]
        if t.get("type") in ("display", "group"):
            self.bad(path, "question %r is a %s item" % (ew["question"], t["type"]))
        if "answerCoding" in ew and not option_has(t, ew["answerCoding"]):
            self.bad(path, "answerCoding %r is none of %s's answerOptions"
                     % (ew["answerCoding"].get("code"), ew["question"]))
        if "answerInteger" in ew and t.get("type") != "integer":
            self.bad(path, "answerInteger for a %s item" % t.get("type"))

    # --- Bundle --------------------------------------------------------------------------
    def bundle(self, b, q, path):
        self.ele1(b, path)
        if not self.keys(b, "Bundle", path):
            return
        if b.get("resourceType") != "Bundle":
            self.bad(path, "resourceType must be Bundle")
        if self.required(b, "type", path):
            self.code(b["type"], path + ".type", BUNDLE_TYPES)
        if "total" in b:
            self.bad(path, "total only in a searchset or history (bdl-1)")
        if "identifier" in b:
            self.identifier(b["identifier"], path + ".identifier")
        if "timestamp" in b:
            self.fmt(b["timestamp"], INSTANT, "instant", path + ".timestamp")
        full = {}
        for i, e in enumerate(b.get("entry", [])):
            p = "%s.entry[%d]" % (path, i)
            if not self.keys(e, "Bundle.entry", p):
                continue
            for k, inv in (("search", "bdl-2"), ("request", "bdl-3"), ("response", "bdl-4")):
                if k in e:
                    self.bad(p, "%s is not for a collection (%s)" % (k, inv))
            if "fullUrl" in e:
                self.fmt(e["fullUrl"], UUID_URN, "urn:uuid", p + ".fullUrl")
                if "/_history/" in e["fullUrl"]:
                    self.bad(p, "fullUrl cannot be version specific (bdl-8)")
                if e["fullUrl"] in full:
                    self.bad(p, "fullUrl is not unique (bdl-7)")
                full[e.get("fullUrl")] = e.get("resource")
            if not self.required(e, "resource", p):
                continue
            r = e["resource"]
            rt = r.get("resourceType") if isinstance(r, dict) else None
            if rt == "QuestionnaireResponse":
                self.response(r, q, p + ".resource")
            elif rt == "RiskAssessment":
                self.risk(r, full, p + ".resource")
            else:
                self.bad(p, "unexpected resource %r" % rt)
        kinds = [e.get("resource", {}).get("resourceType") for e in b.get("entry", [])]
        if kinds != ["QuestionnaireResponse", "RiskAssessment"]:
            self.bad(path, "entries are %s, not a response and an assessment" % kinds)

    def response(self, r, q, path):
        if not self.keys(r, "QuestionnaireResponse", path):
            return
        if "identifier" in r:
            self.identifier(r["identifier"], path + ".identifier")
        if self.required(r, "status", path):
            self.code(r["status"], path + ".status", QR_STATUS)
        want = "%s|%s" % (q.get("url"), q.get("version"))
        if r.get("questionnaire") != want:
            self.bad(path, "questionnaire is %r, not %r" % (r.get("questionnaire"), want))
        if "subject" in r:
            self.reference(r["subject"], path + ".subject")
        if "authored" in r:
            self.fmt(r["authored"], DATETIME, "dateTime", path + ".authored")
        answers = {}
        pos = -1
        for i, it in enumerate(r.get("item", [])):
            p = "%s.item[%d]" % (path, i)
            if not self.keys(it, "QuestionnaireResponse.item", p):
                continue
            self.extensions(it, p)
            if not self.required(it, "linkId", p):
                continue
            link = it["linkId"]
            if link in answers:
                self.bad(p, "linkId %r twice: answers belong in one item (qrs-2)" % link)
            target = q["items"].get(link)
            if target is None:
                self.bad(p, "linkId %r is no item of the Questionnaire" % link)
                continue
            qi = target[0]
            if q["order"].index(link) < pos:
                self.bad(p, "items are not in the Questionnaire's order")
            pos = q["order"].index(link)
            if "text" in it and it["text"] != qi.get("text"):
                self.bad(p, "text differs from the Questionnaire's")
            if "item" in it and any("item" in a for a in it.get("answer", [])):
                self.bad(p, "nested items under both item and answer (qrs-1)")
            if qi.get("type") == "display":
                self.bad(p, "a display item has no answers")
            values = []
            for j, a in enumerate(it.get("answer", [])):
                ap = "%s.answer[%d]" % (p, j)
                if not self.keys(a, "QuestionnaireResponse.item.answer", ap):
                    continue
                k, v = self.one_value(a, "value",
                                      ELEMENTS["QuestionnaireResponse.item.answer"]
                                      - {"id", "extension", "modifierExtension", "item"}, ap)
                if k is None:
                    continue
                expect = {"choice": "valueCoding", "integer": "valueInteger",
                          "text": "valueString", "string": "valueString"}.get(qi.get("type"))
                if k != expect:
                    self.bad(ap, "%s for a %s item" % (k, qi.get("type")))
                if k == "valueCoding":
                    self.coding(v, ap + ".valueCoding")
                    if not option_has(qi, v):
                        self.bad(ap, "code %r is none of the item's answerOptions"
                                 % v.get("code"))
                elif k == "valueInteger":
                    self.integer(v, ap + ".valueInteger")
                elif k == "valueString":
                    self.string(v, ap + ".valueString")
                values.append(v)
            if len(values) > 1 and not qi.get("repeats"):
                self.bad(p, "several answers to an item that does not repeat")
            absent = [e for e in it.get("extension", []) if e.get("url", "").endswith(
                "/data-absent-reason")]
            if not values and not absent:
                self.bad(p, "an item with neither answers nor a data-absent-reason")
            if absent and values:
                self.bad(p, "both answers and a data-absent-reason")
            answers[link] = values
        # Every item present is enabled, and every enabled required item is answered.
        for link in q["order"]:
            qi, p = q["items"][link]
            on = enabled(qi, answers)
            if on is None:
                continue  # a show-if only the extension states: not checked here
            if link in answers and not on:
                self.bad(path, "item %r is answered but its enableWhen is false" % link)
            if on and qi.get("required") and not answers.get(link) and (
                    r.get("status") == "completed"):
                self.bad(path, "required item %r is enabled but not answered" % link)

    def risk(self, r, full, path):
        if not self.keys(r, "RiskAssessment", path):
            return
        for i, ident in enumerate(r.get("identifier", [])):
            self.identifier(ident, "%s.identifier[%d]" % (path, i))
        if self.required(r, "status", path):
            self.code(r["status"], path + ".status", RA_STATUS)
        if self.required(r, "subject", path):
            self.reference(r["subject"], path + ".subject")
        if "method" in r:
            self.concept(r["method"], path + ".method")
        if "occurrenceDateTime" in r:
            self.fmt(r["occurrenceDateTime"], DATETIME, "dateTime", path + ".occurrenceDateTime")
        responses = [u for u, res in full.items()
                     if isinstance(res, dict) and res.get("resourceType") ==
                     "QuestionnaireResponse"]
        refs = []
        for i, b in enumerate(r.get("basis", [])):
            self.reference(b, "%s.basis[%d]" % (path, i))
            if "reference" in b:
                refs.append(b["reference"])
        if refs != responses:
            self.bad(path, "basis references %s, not the response's fullUrl %s"
                     % (refs, responses))
        preds = r.get("prediction", [])
        for i, pr in enumerate(preds):
            p = "%s.prediction[%d]" % (path, i)
            if not self.keys(pr, "RiskAssessment.prediction", p):
                continue
            if "outcome" in pr:
                self.concept(pr["outcome"], p + ".outcome")
            if "rationale" in pr:
                self.string(pr["rationale"], p + ".rationale")
        codes = [[(c.get("system"), c.get("code")) for c in pr.get("outcome", {}).get(
            "coding", [])] for pr in preds]
        if len(codes) < 1 or len(codes[0]) != 1 or codes[0][0][0] != SUITABILITY_SYSTEM or \
                codes[0][0][1] not in SUITABILITY:
            self.bad(path, "prediction[0] is not a suitability code: %s" % codes[:1])
        if len(codes) < 2 or len(codes[1]) != 1 or codes[1][0][0] != PATCH_SYSTEM or \
                codes[1][0][1] not in PATCH:
            self.bad(path, "prediction[1] is not a patch test code: %s" % codes[1:2])
        if "mitigation" in r:
            self.string(r["mitigation"], path + ".mitigation")
        for i, n in enumerate(r.get("note", [])):
            p = "%s.note[%d]" % (path, i)
            if self.keys(n, "Annotation", p) and self.required(n, "text", p):
                self.string(n["text"], p + ".text")


def option_has(item, c):
    """Whether Coding c (system and code) is one of item's answerOptions."""
    return any(o.get("valueCoding", {}).get("system") == c.get("system") and
               o.get("valueCoding", {}).get("code") == c.get("code")
               for o in item.get("answerOption", []))


def enabled(item, answers):
    """R4's enableWhen (questionnaire-enable-operator): True, False, or None when the
    item's condition is only in the show-if extension."""
    if any(e.get("url", "").endswith("/show-if") for e in item.get("extension", [])):
        return None
    conds = item.get("enableWhen")
    if not conds:
        return True
    results = []
    for ew in conds:
        got = answers.get(ew["question"], [])
        key = [k for k in ew if k.startswith("answer")][0]
        want = ew[key]
        if ew["operator"] == "exists":
            results.append((len(got) > 0) == want)
            continue

        def same(v):
            if key == "answerCoding":
                return isinstance(v, dict) and (v.get("system"), v.get("code")) == (
                    want.get("system"), want.get("code"))
            return v == want

        if ew["operator"] == "=":
            results.append(any(same(v) for v in got))
        elif ew["operator"] == "!=":
            results.append(not any(same(v) for v in got))
        else:
            ops = {">": lambda a: a > want, "<": lambda a: a < want,
                   ">=": lambda a: a >= want, "<=": lambda a: a <= want}
            results.append(any(isinstance(v, int) and ops[ew["operator"]](v) for v in got))
    if len(results) == 1:
        return results[0]
    return all(results) if item.get("enableBehavior") == "all" else any(results)


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    c = Checker()
    with open(argv[1], encoding="utf-8") as f:
        q = c.questionnaire(json.load(f))
    for name in argv[2:]:
        with open(name, encoding="utf-8") as f:
            data = json.load(f)
        for i, b in enumerate(data if isinstance(data, list) else [data]):
            c.bundle(b, q, "%s:Bundle[%d]" % (name, i))
    for p in c.problems:
        print(p)
    return 1 if c.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
