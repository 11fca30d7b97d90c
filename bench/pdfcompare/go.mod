module github.com/gijigraph/gijigraph/bench/pdfcompare

go 1.26.8
