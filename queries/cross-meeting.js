// cross-meeting: people present at two given meetings, and what each raised at each.
//
// One row per person in the attendee lists of both meetings, in the
// order of meeting a's list: the post held at each meeting, and the
// concepts the person raised at each, most mentioned first.
//
// @param a  the first meeting: its id (サイバーセキュリティ戦略本部-17), date, number (17) or IRI (required)
// @param b  the second meeting, likewise (required)
// @example a=17 b=30

var ma = meeting(params.a), mb = meeting(params.b);

// seats returns the attendees of a meeting: person → {line, post}.
function seats(m) {
  var out = {};
  g.V(m.iri).In("org:memberDuring").Save("org:member", "person").SaveOpt("gg:line", "line")
    .SaveOpt("opengov:post", "post").TagArray().forEach(function (r) { out[r.person] = r; });
  return out;
}

// raisedAt returns what each person raised at a meeting: person → {concept: count}.
function raisedAt(m) {
  var out = {};
  var said = speeches(g.V(m.iri).In("bf:event"));
  var raised = mentionCounts(said.map(function (s) { return s.iri; }));
  said.forEach(function (s) {
    if (s.speaker) out[s.speaker] = addCounts(out[s.speaker] || {}, raised[s.iri]);
  });
  return out;
}

var sa = seats(ma), sb = seats(mb);
var ra = raisedAt(ma), rb = raisedAt(mb);
var both = Object.keys(sa).filter(function (p) { return sb[p]; });
both.sort(function (x, y) { return (sa[x].line || 0) - (sa[y].line || 0) || cmp(x, y); });

var all = both.slice();
both.forEach(function (p) {
  all.push(sa[p].post, sb[p].post);
  all = all.concat(Object.keys(ra[p] || {}), Object.keys(rb[p] || {}));
});
var names = namesOf(all.filter(Boolean));
both.forEach(function (p) {
  g.Emit({
    person: names[p],
    a_post: sa[p].post ? names[sa[p].post] : "",
    a_raised: counted(ra[p], names),
    b_post: sb[p].post ? names[sb[p].post] : "",
    b_raised: counted(rb[p], names),
  });
});
