// meeting-summary: attendees, agenda, decisions and outcomes, speakers in order.
//
// One meeting in rows, part by part: the meeting itself (title, date,
// time, place), each attendee in the order of the attendee list with the
// post held and the role in the body, each agenda item with its kind,
// each decision with its outcome, and each speech in order with its
// speaker, section and the concepts it raised, most mentioned first.
//
// @param meeting  the meeting: its id (サイバーセキュリティ戦略本部-17), date (2018-04-04), number (17) or IRI (required)
// @example meeting=17
// @example meeting=2021-07-07

var m = meeting(params.meeting);
var info = g.V(m.iri).SaveOpt("gg:startTime", "start").SaveOpt("gg:endTime", "end")
  .SaveOpt("schema:location", "place").TagArray()[0] || {};
g.Emit({part: "meeting", n: m.number, item: m.name, detail: [m.date, (info.start || "") + "–" + (info.end || ""), info.place].filter(Boolean).join("  ")});

// Attendees, in the order of the list.
var seats = {};
g.V(m.iri).In("org:memberDuring").Tag("ms").Save("org:member", "person").SaveOpt("gg:line", "line")
  .SaveOpt("opengov:post", "post").SaveOpt("org:role", "role")
  .TagArray().forEach(function (r) { seats[r.ms] = r; });
var seatList = Object.keys(seats).map(function (k) { return seats[k]; });
seatList.sort(function (a, b) { return (a.line || 0) - (b.line || 0) || cmp(a.person, b.person); });

// Agenda items and decisions.
function items(type, extra) {
  var out = {};
  g.V(m.iri).In("bf:event").Has("rdf:type", type).Tag("x").SaveOpt("schema:position", "position")
    .SaveOpt("schema:name", "title").SaveOpt(extra, "extra")
    .TagArray().forEach(function (r) { out[r.x] = r; });
  var list = Object.keys(out).map(function (k) { return out[k]; });
  list.sort(function (a, b) { return (a.position || 0) - (b.position || 0); });
  return list;
}
var agenda = items("gg:AgendaItem", "gg:agendaKind");
var decisions = items("gg:Decision", "gg:outcome");

// Speeches, in order, and what they and the agenda items raised.
var said = speeches(g.V(m.iri).In("bf:event"));
said.sort(function (a, b) { return a.position - b.position; });
var raised = mentionCounts(said.map(function (s) { return s.iri; }).concat(agenda.map(function (a) { return a.x; })));

var all = [];
seatList.forEach(function (s) { all.push(s.person, s.post, s.role); });
said.forEach(function (s) { all.push(s.speaker); });
Object.keys(raised).forEach(function (k) { all = all.concat(Object.keys(raised[k])); });
var names = namesOf(all.filter(Boolean));

seatList.forEach(function (s, i) {
  var post = s.post ? names[s.post] : "", role = s.role ? names[s.role] : "";
  g.Emit({part: "attendee", n: i + 1, item: names[s.person], detail: post + (role ? " (" + role + ")" : "")});
});
agenda.forEach(function (a) {
  g.Emit({part: "agenda", n: a.position, item: a.title, detail: a.extra || "", concepts: counted(raised[a.x], names)});
});
decisions.forEach(function (d) {
  g.Emit({part: "decision", n: d.position, item: d.title, detail: d.extra || ""});
});
said.forEach(function (s) {
  g.Emit({part: "speech", n: s.position, item: speakerName(s, names), detail: s.section, concepts: counted(raised[s.iri], names)});
});
