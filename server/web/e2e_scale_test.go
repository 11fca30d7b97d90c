package web_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestExplorerScale opens the explorer on the seeds and 200 generated
// meetings: the page shows a loading notice first, then the most-raised
// concepts, and then goes idle. It logs the time to that first useful
// screen (measured, never asserted: see docs/web.md for the figures).
//
//	go test ./server/web -run TestExplorerScale -v
//
// GIJIGRAPH_E2E_SCALE_URL points it at a server that is already running.
func TestExplorerScale(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("e2e: %s not found, and CI must run the browser tests", chromiumPath)
		}
		t.Skipf("e2e: skipped: %s not found", chromiumPath)
	}
	if testing.Short() {
		t.Skip("e2e: skipped in -short mode")
	}
	// Building 200 meetings is not timed with the browser steps: it has a
	// deadline of its own, so that the test never hangs.
	bctxBuild, cancelBuild := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancelBuild()
	base := os.Getenv("GIJIGRAPH_E2E_SCALE_URL")
	if base == "" {
		base = startServer(t, bctxBuild, 200)
	}
	base = strings.TrimSuffix(base, "/")

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var chromeOut syncBuffer
	opts := append(slices.Clone(chromiumFlags), chromedp.UserDataDir(t.TempDir()), chromedp.CombinedOutput(&chromeOut))
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("e2e: start %s: %v\n%s", chromiumPath, err, lastLines(chromeOut.String(), 30))
	}
	var blog browserLog
	blog.listen(bctx)
	watchFrames(t, bctx)

	if err := chromedp.Do(bctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="top-concepts"] li`)),
	); err != nil {
		shot(t, bctx, "scale-failed")
		t.Fatalf("e2e: open the page on 200 meetings: %v", err)
	}
	// performance.mark()s the page sets: the loading notice, then the lists.
	marks := eval[map[string]float64](t, bctx, `Object.fromEntries(performance.getEntriesByType('mark').map(m => [m.name, m.startTime]))`)
	loading, okL := marks["gijigraph:loading"]
	useful, okU := marks["gijigraph:useful"]
	if !okL || !okU || loading > useful {
		t.Errorf("e2e: performance marks %v: want gijigraph:loading before gijigraph:useful", marks)
	}
	nav := eval[float64](t, bctx, `performance.getEntriesByType('navigation')[0].responseEnd`)
	meetings := eval[int](t, bctx, `fetch('/api/meetings').then(r => r.json()).then(b => (b.meetings ?? b).length)`)
	if meetings < 200 {
		t.Errorf("e2e: the server has %d meetings, want the seeds and 200 generated", meetings)
	}
	t.Logf("e2e: %d meetings: first useful screen at %.0f ms after navigation start (HTML at %.0f ms, loading notice at %.0f ms)", meetings, useful, nav, loading)

	if err := chromedp.Do(bctx, chromedp.Poll[chromedp.Void](`[...document.querySelectorAll('[data-testid="top-concepts"] li .who')].every(w => w.textContent !== '…')`, chromedp.WithPollingTimeout(60*time.Second))); err != nil {
		t.Errorf("e2e: who raised the top concepts never came: %v", err)
	}
	assertIdle(t, bctx, "overview on 200 meetings")
	assertNoSidewaysScroll(t, bctx)
	shot(t, bctx, "scale-overview")
	blog.mu.Lock()
	defer blog.mu.Unlock()
	for _, e := range blog.errors {
		t.Errorf("e2e: JavaScript error in the page: %s", e)
	}
}
