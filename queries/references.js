// references: who referred to whom, across meetings.
//
// One row per speech that names another attendee (先ほど遠藤本部員が…,
// 村井本部員から御提案があった): the meeting, the speaker, the person
// referred to, and the speech. With person, only the references from or
// to that person; with meeting, only those at that meeting. Sorted by
// date and order of speaking.
//
// @param person   only references from or to this person: a name (坂井 学) or an IRI (default any)
// @param meeting  only references at this meeting: its id, date or number (default any)
// @example
// @example person=遠藤信博
// @example meeting=17

var who = params.person === "any" ? "" : person(params.person);
var at = params.meeting === "any" ? "" : meeting(params.meeting).iri;
var meetings = {};
meetingInfo().forEach(function (m) { meetings[m.iri] = m; });

var said = speeches(g.V().Has("gg:refersTo"));
var refs = [];
if (said.length > 0) {
  var bySpeech = {};
  said.forEach(function (s) { bySpeech[s.iri] = s; });
  g.V.apply(g, Object.keys(bySpeech)).Tag("speech").Out("gg:refersTo").TagArray().forEach(function (r) {
    refs.push({speech: bySpeech[r.speech], to: r.id});
  });
}
refs = uniq(refs).filter(function (x) {
  return (!who || x.speech.speaker === who || x.to === who) && (!at || x.speech.meeting === at);
});
var names = namesOf(refs.map(function (x) { return x.to; }).concat(refs.map(function (x) { return x.speech.speaker; }).filter(Boolean)));
refs.sort(function (a, b) {
  var ma = meetings[a.speech.meeting], mb = meetings[b.speech.meeting];
  return cmp(ma.date, mb.date) || cmp(ma.id, mb.id) || a.speech.position - b.speech.position || cmp(names[a.to], names[b.to]);
});
refs.forEach(function (x) {
  g.Emit({
    date: meetings[x.speech.meeting].date,
    meeting: meetings[x.speech.meeting].id,
    from: speakerName(x.speech, names),
    to: names[x.to],
    speech: x.speech.iri,
  });
});
