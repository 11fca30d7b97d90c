// shared-concerns: people who raised the same concepts as a given person.
//
// Takes the concepts the person raised in any speech, and ranks the
// other people who raised any of them by how many they share, then by
// name. Each row gives the person, the number of shared concepts and
// the shared concepts themselves.
//
// @param person  the person: a name as the minutes write it, spaces optional (村井 純, 村井純), or an IRI (required)
// @example person=村井純
// @example person="遠藤 信博"

var who = person(params.person);
var mine = {};
g.V(who).In("schema:creator").Has("rdf:type", "opengov:Speech").Out("schema:mentions")
  .ToArray().forEach(function (c) { mine[c] = true; });

var shared = {}; // person → {concept: true}
var cs = Object.keys(mine);
if (cs.length > 0) {
  g.V.apply(g, cs).Tag("concept").In("schema:mentions").Has("rdf:type", "opengov:Speech")
    .Out("schema:creator").TagArray().forEach(function (r) {
      if (r.id === who) return;
      (shared[r.id] = shared[r.id] || {})[r.concept] = true;
    });
}
var people = Object.keys(shared);
var names = namesOf(people.concat(cs));
people.sort(function (a, b) {
  return Object.keys(shared[b]).length - Object.keys(shared[a]).length || cmp(names[a], names[b]);
});
people.forEach(function (p) {
  var concepts = Object.keys(shared[p]);
  g.Emit({person: names[p], shared: concepts.length, concepts: labels(concepts, names)});
});
