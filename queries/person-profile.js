// person-profile: a person's posts over time, and the concepts they raised.
//
// One row per meeting the person attended or spoke at, by date: the post
// they held there (titles belong to the seat at a meeting, not to the
// person: 坂井 学 was 総務副大臣 at the 17th meeting and 内閣官房副長官 at
// the 30th), their role in the body, how many times they spoke, and the
// concepts they raised, most mentioned first.
//
// @param person  the person: a name as the minutes write it, spaces optional (坂井 学, 坂井学), or an IRI (required)
// @example person=坂井学
// @example person="遠藤 信博"

var who = person(params.person);
var meetings = {};
meetingInfo().forEach(function (m) { meetings[m.iri] = m; });

// Seats: one membership per meeting in whose attendee list the person is.
var seats = {};
g.V(who).In("org:member").Tag("ms").Save("org:memberDuring", "meeting")
  .SaveOpt("opengov:post", "post").SaveOpt("org:role", "role")
  .TagArray().forEach(function (r) { seats[r.meeting] = r; });

// Speeches, and the concepts each raised.
var said = speeches(g.V(who).In("schema:creator"));
var raised = mentionCounts(said.map(function (s) { return s.iri; }));
var perMeeting = {};
said.forEach(function (s) {
  var pm = perMeeting[s.meeting] = perMeeting[s.meeting] || {speeches: 0, counts: {}};
  pm.speeches++;
  addCounts(pm.counts, raised[s.iri]);
});

var ms = uniq(Object.keys(seats).concat(Object.keys(perMeeting)));
var names = namesOf([].concat.apply([], ms.map(function (m) {
  var s = seats[m] || {}, pm = perMeeting[m] || {counts: {}};
  return [s.post, s.role].filter(Boolean).concat(Object.keys(pm.counts));
})));
ms.sort(function (a, b) { return cmp(meetings[a].date, meetings[b].date) || cmp(meetings[a].id, meetings[b].id); });
ms.forEach(function (m) {
  var s = seats[m] || {}, pm = perMeeting[m] || {speeches: 0, counts: {}};
  g.Emit({
    date: meetings[m].date,
    meeting: meetings[m].id,
    post: s.post ? names[s.post] : "",
    role: s.role ? names[s.role] : "",
    speeches: pm.speeches,
    raised: counted(pm.counts, names),
  });
});
