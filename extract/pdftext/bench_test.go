package pdftext

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// benchPDFs are the seed PDFs of extract/source/testdata.
func benchPDFs(b *testing.B) (files [][]byte, pages int, size int64) {
	b.Helper()
	if _, err := exec.LookPath(Tool); err != nil {
		b.Skip("pdftotext not installed (poppler-utils)")
	}
	paths, _ := filepath.Glob("../source/testdata/*.pdf")
	if len(paths) == 0 {
		b.Fatal("no PDFs in ../source/testdata")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		t, err := Read(context.Background(), data)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
		pages += t.Pages
		size += int64(len(data))
	}
	return files, pages, size
}

// BenchmarkRead is pdftext's whole path: pdftotext -bbox, then the lines
// rebuilt from the word boxes.
func BenchmarkRead(b *testing.B) {
	files, pages, size := benchPDFs(b)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, data := range files {
			if _, err := Read(context.Background(), data); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkPdftotextLayout is plain `pdftotext -layout` on the same
// files, for comparison: the cost of running the tool alone.
func BenchmarkPdftotextLayout(b *testing.B) {
	files, pages, size := benchPDFs(b)
	b.SetBytes(size)
	b.ResetTimer()
	for range b.N {
		for _, data := range files {
			cmd := exec.Command(Tool, "-q", "-layout", "-enc", "UTF-8", "-", "-")
			cmd.Stdin = bytes.NewReader(data)
			if err := cmd.Run(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkLayout is the line rebuilding alone, on words already read.
func BenchmarkLayout(b *testing.B) {
	files, pages, size := benchPDFs(b)
	var all [][]Page
	for _, data := range files {
		p, err := Words(context.Background(), data)
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, p)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, p := range all {
			if _, err := Layout(p); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}
