package web_test

// The end-to-end test of the explorer: the real gijigraph binary serves
// the seeds on loopback, and Debian's headless Chromium, driven over the
// DevTools protocol by chromedp, uses the page as a researcher would.
//
//	go test ./server/web -run TestExplorer -v
//	go test ./server/web -run TestExplorer -update-screenshot   # rewrite docs/screenshot.png
//	go test ./server/web -run TestExplorer -shots /tmp/shots    # a screenshot at every step
//	go test ./server/web -run TestExplorerScale -v              # 200 generated meetings: time to first useful screen
//
// It skips when /usr/bin/chromium is missing (apt-get install chromium
// fonts-noto-cjk; .ci/web.sh does it). GIJIGRAPH_E2E_URL points it at a
// server that is already running instead of building one.

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

var (
	updateScreenshot = flag.Bool("update-screenshot", false, "write the final screenshot to docs/screenshot.png")
	shotsDir         = flag.String("shots", "", "save a screenshot of every step in this directory")
)

// chromiumPath is Debian's chromium package.
const chromiumPath = "/usr/bin/chromium"

// The flags the machine needs: no sandbox (CI runs as root), no GPU, and
// nothing that reaches for the network, which is closed.
var chromiumFlags = []chromedp.ExecAllocatorOption{
	chromedp.ExecPath(chromiumPath),
	chromedp.Flag("headless", true),
	chromedp.Flag("no-sandbox", true),
	chromedp.Flag("disable-gpu", true),
	chromedp.Flag("no-first-run", true),
	chromedp.Flag("disable-background-networking", true),
	chromedp.Flag("disable-component-update", true),
	chromedp.Flag("disable-sync", true),
	chromedp.Flag("disable-quic", true),
	chromedp.Flag("disable-dev-shm-usage", true),
	chromedp.Flag("no-default-browser-check", true),
	chromedp.Flag("hide-scrollbars", true),
	chromedp.Flag("mute-audio", true),
	chromedp.Flag("lang", "ja-JP"),
	chromedp.WindowSize(1440, 900),
}

// repoRoot is the module root, two levels above this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("e2e: no go.mod in %s: %v", root, err)
	}
	return root
}

// startServer builds gijigraph, builds the seeds (and gen generated
// meetings) into a fresh bolt database and serves it on a free loopback
// port. It returns the base URL.
func startServer(t *testing.T, ctx context.Context, gen int) string {
	t.Helper()
	if u := os.Getenv("GIJIGRAPH_E2E_URL"); u != "" && gen == 0 {
		return strings.TrimSuffix(u, "/")
	}
	root, tmp := repoRoot(t), t.TempDir()
	bin := filepath.Join(tmp, "gijigraph")
	run := func(name string, args ...string) {
		t.Helper()
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("e2e: %s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
		}
	}
	run("go", "build", "-o", bin, "./cmd/gijigraph")
	db := filepath.Join(tmp, "db")
	if gen > 0 {
		out := filepath.Join(tmp, "gen")
		run(bin, "gen", "--meetings", fmt.Sprint(gen), "--out", out, "--start", "1001")
		run(bin, "build", "--db", db, "seeds/", out)
	} else {
		run(bin, "build", "--db", db, "seeds/")
	}

	// Port 0: the server picks a free port and says which on stderr.
	var logs syncBuffer
	srv := exec.Command(bin, "serve", "--db", db, "--addr", "127.0.0.1:0")
	srv.Dir = root
	srv.Stdout, srv.Stderr = &logs, &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- srv.Wait() }()
	t.Cleanup(func() {
		srv.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			srv.Process.Kill()
			<-exited
		}
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})

	listening := regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`)
	deadline := time.Now().Add(90 * time.Second)
	for {
		if m := listening.FindStringSubmatch(logs.String()); m != nil {
			resp, err := http.Get(m[1] + "/api/meetings")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					return m[1]
				}
			}
		}
		select {
		case err := <-exited:
			t.Fatalf("e2e: gijigraph serve exited: %v\n%s", err, logs.String())
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("e2e: gijigraph serve did not answer within 90 s\n%s", logs.String())
		}
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// browserLog collects what the page did that the test checks at the end:
// its requests (the page must load nothing from elsewhere) and its
// JavaScript errors.
type browserLog struct {
	mu       sync.Mutex
	requests []string
	errors   []string
}

// listen subscribes to the tab's events; it must run before the
// navigation. The goroutines end with ctx.
func (l *browserLog) listen(ctx context.Context) {
	requests := chromedp.Events(ctx, network.RequestWillBeSent)
	console := chromedp.Console(ctx)
	go func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			l.mu.Lock()
			l.requests = append(l.requests, ev.Request.URL)
			l.mu.Unlock()
		}
	}()
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleError {
				l.mu.Lock()
				l.errors = append(l.errors, fmt.Sprintf("%s: %s", m.Type, m.Text))
				l.mu.Unlock()
			}
		}
	}()
}

func TestExplorer(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("e2e: %s not found, and CI must run the browser tests (.ci/web.sh installs it)", chromiumPath)
		}
		t.Skipf("e2e: skipped: %s not found; install Debian's chromium package to run the browser tests (apt-get install chromium fonts-noto-cjk; .ci/web.sh does it)", chromiumPath)
	}
	if testing.Short() {
		t.Skip("e2e: skipped in -short mode")
	}
	// Generous, for a loaded two-core machine, but the test never hangs:
	// every step below runs under this deadline.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	base := startServer(t, ctx, 0)

	var chromeOut syncBuffer
	opts := append(slices.Clone(chromiumFlags), chromedp.UserDataDir(t.TempDir()), chromedp.CombinedOutput(&chromeOut))
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	// Start the browser, then subscribe to its events before anything loads.
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("e2e: start %s: %v\n%s", chromiumPath, err, lastLines(chromeOut.String(), 30))
	}
	var blog browserLog
	blog.listen(bctx)
	watchFrames(t, bctx)
	defer func() {
		if t.Failed() && chromeOut.String() != "" {
			t.Logf("chromium output:\n%s", lastLines(chromeOut.String(), 30))
		}
	}()

	step := 0
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, actions...); err != nil {
			shot(t, bctx, fmt.Sprintf("failed-%02d", step))
			t.Fatalf("e2e: %s: %v", what, err)
		}
		step++
		if *shotsDir != "" {
			shot(t, bctx, fmt.Sprintf("%02d-%s", step, strings.ReplaceAll(what, " ", "-")))
		}
	}
	textsOf := func(sel string) []string {
		t.Helper()
		return eval[[]string](t, bctx, fmt.Sprintf(`[...document.querySelectorAll(%q)].map(e => e.innerText.trim())`, sel))
	}

	do("open the page",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#legend li`)),
	)

	// The first screen: the most-raised concepts, the top one first, with
	// who raised them; no graph, and a page that goes idle.
	do("wait for who raised the top concepts", chromedp.Poll[chromedp.Void](`(() => { const w = document.querySelector('[data-testid="top-concepts"] li .who'); return w && w.textContent !== '…' })()`, chromedp.WithPollingTimeout(60*time.Second)))
	top := eval[[]string](t, bctx, `fetch('/api/concepts').then(r => r.json()).then(b => { const max = Math.max(...b.concepts.map(c => c.counts.mentions)); return [document.querySelector('[data-testid="top-concepts"] li').dataset.key, ...b.concepts.filter(c => c.counts.mentions === max).map(c => c.id)]; })`)
	if len(top) < 2 || !slices.Contains(top[1:], top[0]) {
		t.Errorf("e2e: the overview's first concept is %q, want the most mentioned of /api/concepts %q", top[0], top[1:])
	}
	if n := eval[int](t, bctx, `document.querySelectorAll('[data-testid="top-concepts"] li').length`); n != 15 {
		t.Errorf("e2e: the overview lists %d concepts, want the first 15 (the rest on demand)", n)
	}
	do("show more concepts", chromedp.Click(chromedp.CSS(`[data-testid="more-concepts"]`)))
	if n := eval[int](t, bctx, `document.querySelectorAll('[data-testid="top-concepts"] li').length`); n != 30 {
		t.Errorf("e2e: after 'show more' the overview lists %d concepts, want 30", n)
	}
	if eval[bool](t, bctx, `window.gijigraph.cy !== undefined`) {
		t.Errorf("e2e: the overview made a Cytoscape instance; its animation-frame loop keeps the page busy")
	}
	assertIdle(t, bctx, "overview")
	assertNoSidewaysScroll(t, bctx)

	// Dates are typed and shown as ISO dates, whatever the browser's locale.
	do("type a date",
		chromedp.SendKeys(chromedp.CSS(`#f-from`), "2019-01-01"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#f-from').dispatchEvent(new Event('change'))`),
	)
	if got := eval[[]string](t, bctx, `(() => { const i = document.querySelector('#f-from'); return [i.type, i.placeholder, i.value, i.getAttribute('aria-invalid')]; })()`); !slices.Equal(got, []string{"text", "YYYY-MM-DD", "2019-01-01", "false"}) {
		t.Errorf("e2e: the From date input [type placeholder value aria-invalid] = %q, want an ISO text input holding 2019-01-01", got)
	}
	do("clear the date", chromedp.Evaluate[chromedp.Void](`(() => { const i = document.querySelector('#f-from'); i.value = ''; i.dispatchEvent(new Event('change')); })()`))

	// A concept from the overview: its panel with the timeline by speaker.
	do("open ランサムウェア from the overview",
		chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-testid="top-concepts"] li[data-key="ransomware"] a.name').click()`),
		chromedp.WaitVisible(chromedp.CSS(`#panel [data-testid="timeline"] canvas`)),
	)
	legendText := strings.Join(textsOf(`#panel [data-testid="timeline"] .u-legend .u-label`), " ")
	for _, who := range []string{"加藤 勝信", "遠藤 信博"} {
		if !strings.Contains(legendText, who) {
			t.Errorf("e2e: the timeline of ランサムウェア by speaker %q lacks %s", legendText, who)
		}
	}
	do("scroll the overview to the top", chromedp.Evaluate[chromedp.Void](`document.querySelector('#overview-body').scrollTop = 0; document.activeElement?.blur()`))
	shot(t, bctx, "overview")
	if *updateScreenshot {
		shotTo(t, bctx, filepath.Join(repoRoot(t), "docs", "screenshot.png"))
	}

	// The Japanese web font is bundled: it loads from the server itself.
	if !eval[bool](t, bctx, `document.fonts.load('16px "Noto Sans JP Variable"', 'ランサムウェア遠藤信博').then(f => f.length > 0 && document.fonts.check('16px "Noto Sans JP Variable"', 'ランサムウェア'))`) {
		t.Errorf("e2e: the bundled font Noto Sans JP did not load")
	}

	// Search for ランサムウェア and choose the concept.
	do("search for ランサムウェア",
		chromedp.Click(chromedp.CSS(`#search`)),
		chromedp.SendKeys(chromedp.CSS(`#search`), "ランサムウェア"),
		chromedp.WaitVisible(chromedp.CSS(`#search-results li[data-type="concept"][data-key="ransomware"]`)),
	)
	do("choose the concept",
		chromedp.Click(chromedp.CSS(`#search-results li[data-type="concept"][data-key="ransomware"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#panel [data-testid="raised-by"]`)),
	)
	if got := textsOf(`#panel h2[data-testid="panel-title"]`); !slices.Equal(got, []string{"ランサムウェア"}) {
		t.Errorf("e2e: panel title = %q, want ランサムウェア", got)
	}
	// Who raised ランサムウェア itself in the seed minutes (WannaCry, a
	// narrower concept, is not counted unless asked for).
	people := textsOf(`#panel [data-testid="raised-by"] a.person-name`)
	slices.Sort(people)
	want := []string{"中西 哲", "中谷 和弘", "加藤 勝信", "後藤 厚宏", "村井 純", "遠藤 信博"}
	slices.Sort(want)
	if !slices.Equal(people, want) {
		t.Errorf("e2e: people who raised ランサムウェア = %q, want %q", people, want)
	}

	// The graph shows the concept and the people around it.
	do("wait for the graph", chromedp.Poll[chromedp.Void](`(() => { const cy = window.gijigraph?.cy; if (!cy) return false; const n = cy.getElementById('concept/ransomware'); return n.nonempty() && n.visible() && n.selected() && cy.nodes(':visible').length > 5; })()`, chromedp.WithPollingTimeout(60*time.Second)))
	shown := eval[[]string](t, bctx, `window.gijigraph.cy.nodes(':visible').map(n => n.id())`)
	for _, id := range []string{"concept/ransomware", "person/遠藤信博", "person/村井純", "concept/wannacry"} {
		if !slices.Contains(shown, id) {
			t.Errorf("e2e: the graph around ランサムウェア lacks node %s", id)
		}
	}

	// Click 遠藤 信博 in the panel: his posts at both meetings.
	do("click 遠藤 信博",
		chromedp.Click(chromedp.CSS(`#panel [data-testid="raised-by"] a.person-name[data-key="遠藤信博"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#panel [data-testid="posts"]`)),
	)
	if got := textsOf(`#panel h2[data-testid="panel-title"]`); !slices.Equal(got, []string{"遠藤 信博"}) {
		t.Errorf("e2e: panel title = %q, want 遠藤 信博", got)
	}
	posts := textsOf(`#panel [data-testid="posts"] li`)
	for date, post := range map[string]string{"2018-04-04": "日本電気株式会社代表取締役会長", "2021-07-07": "日本電気株式会社取締役会長"} {
		found := false
		for _, p := range posts {
			lines := strings.Split(p, "\n")
			if strings.Contains(p, date) && strings.TrimSpace(lines[0]) == post {
				found = true
			}
		}
		if !found {
			t.Errorf("e2e: 遠藤 信博's posts %q lack %s at %s", posts, post, date)
		}
	}
	if n := eval[int](t, bctx, `document.querySelectorAll('#panel [data-testid="timeline"] canvas').length`); n != 1 {
		t.Errorf("e2e: 遠藤 信博's panel has %d timelines, want 1 (concepts raised over time)", n)
	}
	concepts := textsOf(`#panel [data-testid="concepts-raised"] summary a`)
	for _, c := range []string{"ランサムウェア", "WannaCry"} {
		if !slices.Contains(concepts, c) {
			t.Errorf("e2e: 遠藤 信博's concepts %q lack %s", concepts, c)
		}
	}
	do("fit the graph", chromedp.Click(chromedp.CSS(`#g-fit`)), chromedp.Sleep(600*time.Millisecond))
	shot(t, bctx, "graph")

	// Click the evidence sentence for ランサムウェア: the speech, with the
	// sentence highlighted.
	do("open the evidence",
		chromedp.Evaluate[chromedp.Void](`(() => { const a = [...document.querySelectorAll('#panel [data-testid="concepts-raised"] li')].find(li => li.querySelector('summary a')?.textContent === 'ランサムウェア'); a.querySelector('details').open = true; a.querySelector('button.evidence').setAttribute('data-e2e', 'ev'); })()`),
		chromedp.Click(chromedp.CSS(`button[data-e2e="ev"]`)),
		chromedp.WaitVisible(chromedp.CSS(`dialog#speech mark.evidence`)),
	)
	marks := textsOf(`dialog#speech mark.evidence`)
	if len(marks) == 0 || !strings.Contains(strings.Join(marks, ""), "ランサムウェア") {
		t.Errorf("e2e: highlighted sentence %q does not mention ランサムウェア", marks)
	}
	if head := textsOf(`dialog#speech .dialog-head h2`); len(head) != 1 || !strings.Contains(head[0], "遠藤 信博") {
		t.Errorf("e2e: speech dialog heading = %q, want 遠藤 信博's speech", head)
	}
	do("close the speech", chromedp.Click(chromedp.CSS(`#speech-close`)), chromedp.WaitNotVisible(chromedp.CSS(`dialog#speech`)))

	// Click a node on the canvas: centre 村井 純 and click the middle.
	do("click a node in the graph",
		chromedp.Evaluate[chromedp.Void](`(() => { const cy = window.gijigraph.cy; const n = cy.getElementById('person/村井純'); cy.stop(); cy.zoom(2); cy.center(n); })()`),
		chromedp.Sleep(300*time.Millisecond),
	)
	box := eval[[]float64](t, bctx, `(() => { const r = document.getElementById('cy').getBoundingClientRect(); return [r.left + r.width/2, r.top + r.height/2]; })()`)
	do("click 村井 純 on the canvas",
		chromedp.MouseClickXY(box[0], box[1]),
		chromedp.Poll[chromedp.Void](`document.querySelector('#panel h2[data-testid="panel-title"]')?.textContent === '村井 純'`, chromedp.WithPollingTimeout(30*time.Second)),
	)

	// The person view: centre the graph on 村井 純; no two labels drawn
	// on the canvas overlap once the layout is done.
	do("centre the graph on 村井 純",
		chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll('#panel .actions button')].find(b => b.textContent.includes('Focus graph')).click()`),
		chromedp.Poll[chromedp.Void](`(() => { const cy = window.gijigraph?.cy; return cy && cy.getElementById('person/村井純').nonempty() && /nodes/.test(document.querySelector('#graph-status').textContent) })()`, chromedp.WithPollingTimeout(60*time.Second)),
	)
	if err := chromedp.Do(bctx, chromedp.Poll[chromedp.Void](overlappingLabels+` === 0`, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		shot(t, bctx, "overlapping-labels")
		t.Errorf("e2e: %v overlapping labels in 村井 純's graph: %v", eval[int](t, bctx, overlappingLabels), err)
	}
	if n := eval[int](t, bctx, `window.gijigraph.cy.nodes(':visible').not('.quiet').length`); n < 5 {
		t.Errorf("e2e: only %d labels shown in 村井 純's graph; the declutter hides too many", n)
	}
	shot(t, bctx, "person-graph")

	// The table of who raised what, for ランサムウェア, with its CSV.
	// English and an alias find the concept too.
	do("search in English",
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#search').value = ''`),
		chromedp.SendKeys(chromedp.CSS(`#search`), "Ransomware"),
		chromedp.WaitVisible(chromedp.CSS(`#search-results li[data-type="concept"][data-key="ransomware"]`)),
		chromedp.Click(chromedp.CSS(`#search-results li[data-type="concept"][data-key="ransomware"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#panel [data-testid="raised-by"]`)),
	)
	do("open the table",
		chromedp.Click(chromedp.CSS(`#panel [data-testid="table-button"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="raised-table"] tbody tr`)),
	)
	rows := textsOf(`[data-testid="raised-table"] tbody tr`)
	if len(rows) != 12 {
		t.Errorf("e2e: the table for ランサムウェア has %d rows, want 12 (1 at the 17th meeting, 11 at the 30th)", len(rows))
	}
	csvText := eval[string](t, bctx, `fetch(document.getElementById('table-csv').href).then(r => r.text())`)
	if lines := strings.Split(strings.TrimSpace(csvText), "\n"); len(lines) != 13 || !strings.Contains(lines[0], "sentence") || !strings.Contains(csvText, "遠藤 信博") {
		t.Errorf("e2e: the CSV download has %d lines, want a header and 12 rows with 遠藤 信博:\n%s", len(lines), lastLines(csvText, 3))
	}
	// Clearing the concept shows every mention.
	do("clear the table's concept",
		chromedp.Click(chromedp.CSS(`#table-title .chip button`)),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('[data-testid="raised-table"] tbody tr').length > 100`, chromedp.WithPollingTimeout(30*time.Second)),
	)

	// Nothing came from anywhere but the server: the page works offline.
	blog.mu.Lock()
	defer blog.mu.Unlock()
	for _, r := range blog.requests {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "data" && u.Scheme != "blob" && "http://"+u.Host != base) {
			t.Errorf("e2e: the page requested %s, which is not on the server %s", r, base)
		}
	}
	for _, e := range blog.errors {
		t.Errorf("e2e: JavaScript error in the page: %s", e)
	}
}

// eval runs JavaScript in the page, awaiting a promise, and decodes the
// result.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("e2e: %s: %v", js, err)
	}
	return v
}

// shot saves a screenshot of the page in the test's temporary directory
// (and in -shots), and logs where.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := *shotsDir
	if dir == "" {
		dir = t.TempDir()
	}
	shotTo(t, ctx, filepath.Join(dir, name+".png"))
}

func shotTo(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(sctx, chromedp.CaptureScreenshot())
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			t.Logf("e2e: screenshot %s: %v", path, err)
		}
		return
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("e2e: screenshot %s", path)
}

func lastLines(s string, n int) string {
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// overlappingLabels is JavaScript counting the pairs of labels drawn on
// the graph canvas (nodes not hidden and not .quiet) whose boxes overlap.
const overlappingLabels = `(() => {
	const cy = window.gijigraph.cy;
	const bbs = cy.nodes(':visible').not('.quiet').map(n => n.boundingBox({ includeLabels: true, includeNodes: false, includeOverlays: false })).filter(b => b.w > 0 && b.h > 0);
	let n = 0;
	for (let i = 0; i < bbs.length; i++) for (let j = i + 1; j < bbs.length; j++) {
		const a = bbs[i], b = bbs[j];
		if (a.x1 < b.x2 && a.x2 > b.x1 && a.y1 < b.y2 && a.y2 > b.y1) n++;
	}
	return n;
})()`

// watchFrames counts, in every document the tab loads from now on, the
// animation frames the page requests and its fetches in flight, for
// assertIdle.
func watchFrames(t *testing.T, ctx context.Context) {
	t.Helper()
	const hook = `(() => {
		window.__frames = 0;
		const raf = window.requestAnimationFrame.bind(window);
		window.requestAnimationFrame = (f) => { window.__frames++; return raf(f); };
		window.__inflight = 0;
		const get = window.fetch.bind(window);
		window.fetch = (...a) => { window.__inflight++; return get(...a).finally(() => window.__inflight--); };
	})()`
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: hook}); err != nil {
		t.Fatalf("e2e: install the frame counter: %v", err)
	}
}

// assertIdle checks that the page, once settled, requests no animation
// frames and has no fetch in flight: a page that keeps a
// requestAnimationFrame loop running never becomes idle.
func assertIdle(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	time.Sleep(time.Second)
	before := eval[int](t, ctx, `window.__frames`)
	time.Sleep(1500 * time.Millisecond)
	frames := eval[int](t, ctx, `window.__frames`) - before
	inflight := eval[int](t, ctx, `window.__inflight`)
	if frames != 0 || inflight != 0 {
		t.Errorf("e2e: the %s is not idle: %d animation frames requested in 1.5 s, %d fetches in flight", what, frames, inflight)
	}
}

// assertNoSidewaysScroll checks that the filter column does not scroll
// sideways and that no control in it is cut off at its right edge.
func assertNoSidewaysScroll(t *testing.T, ctx context.Context) {
	t.Helper()
	bad := eval[[]string](t, ctx, `(() => {
		const col = document.querySelector('.filters');
		const right = col.getBoundingClientRect().right;
		const out = [];
		if (col.scrollWidth > col.clientWidth) out.push('.filters scrolls sideways: ' + col.scrollWidth + ' > ' + col.clientWidth);
		for (const el of col.querySelectorAll('select, input, button')) {
			const r = el.getBoundingClientRect();
			if (r.width > 0 && r.right > right + 0.5) out.push('#' + el.id + ' ends at ' + r.right + ' past ' + right);
		}
		if (document.documentElement.scrollWidth > document.documentElement.clientWidth) out.push('the page scrolls sideways');
		return out;
	})()`)
	for _, b := range bad {
		t.Errorf("e2e: %s", b)
	}
}
