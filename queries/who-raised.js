// who-raised: who raised a concept, at which meetings, including narrower concepts.
//
// One row per speech that mentions the concept, or with narrower=yes a
// concept under it (skos:broader, followed recursively: ransomware takes
// in WannaCry, NotPetya, 身代金…): the meeting's date and id, the speaker,
// the concepts of the set the speech raised (most mentioned first), and the speech's IRI to read
// it. Sorted by date and order of speaking.
//
// @param concept   the concept: its id (ransomware), a Japanese or English label or an alias, any case (required)
// @param narrower  yes to take in narrower concepts, no for the concept alone (default yes)
// @example concept=ransomware
// @example concept=ランサムウエア narrower=no

var targets = concepts(params.concept, yes(params.narrower));
var said = speeches(g.V.apply(g, targets).In("schema:mentions"));
var raised = mentionCounts(said.map(function (s) { return s.iri; }));
var meetings = {};
meetingInfo().forEach(function (m) { meetings[m.iri] = m; });
var names = namesOf(targets.concat(said.map(function (s) { return s.speaker; }).filter(Boolean)));

said.sort(function (a, b) {
  return cmp(meetings[a.meeting].date, meetings[b.meeting].date) ||
    cmp(meetings[a.meeting].id, meetings[b.meeting].id) || a.position - b.position;
});
said.forEach(function (s) {
  g.Emit({
    date: meetings[s.meeting].date,
    meeting: meetings[s.meeting].id,
    speaker: speakerName(s, names),
    raised: labels(Object.keys(raised[s.iri]).filter(function (c) { return targets.indexOf(c) >= 0; }), names, raised[s.iri]),
    speech: s.iri,
  });
});
