package main

import (
	"bytes"
	"image"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// reportInput is an export with every action, an error, and texts that
// would break a report that did not escape them.
func reportInput(t *testing.T) string {
	data := syntheticExport(t, 400, 7)
	data = append(data, []byte(`{"id":"<b>x</b>","text":"<script>alert(1)</script> 傻逼 & \"quotes\" </td></tr>"}`+"\n")...)
	return writeFile(t, "posts.jsonl", data)
}

func makeReport(t *testing.T, in string) (string, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.html")
	code, _, errOut := runCLI(t, "", "scan", "--quiet", "--report", path, "--out", filepath.Join(t.TempDir(), "v.jsonl"), in)
	require.Equal(t, 0, code, errOut)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return path, string(data)
}

func TestReportHTML(t *testing.T) {
	in := reportInput(t)
	_, html := makeReport(t, in)
	assert.True(t, strings.HasPrefix(html, "<!DOCTYPE html>"))
	assert.Contains(t, html, `<meta charset="utf-8">`)
	assert.Contains(t, html, "</html>")
	// Self-contained: no external resources.
	for _, bad := range []string{"<link", " src=", "@import", "url(", "http://", "https://"} {
		assert.NotContains(t, html, bad)
	}
	// The three charts and the examples.
	assert.Equal(t, 3, strings.Count(html, "<svg "), "actions by language, tone, top rules")
	for _, id := range []string{`id="languages"`, `id="tone"`, `id="rules"`, `id="examples"`, `id="categories"`, `id="errors"`} {
		assert.Contains(t, html, id)
	}
	assert.Equal(t, 10, strings.Count(html, "<title>tone "), "ten tone bins")
	// Every action appears in the examples, each with a bounded sample.
	for _, a := range []string{"allow", "label", "limit", "review", "block"} {
		rows := regexp.MustCompile(`<tr data-a="`+a+`">`).FindAllStringIndex(html, -1)
		assert.NotEmpty(t, rows, a)
		assert.LessOrEqual(t, len(rows), samplesPerAction, a)
	}
	assert.Contains(t, html, "<mark title=\"zh.harassment.shabi (harassment)\">")
	// Escaped: the hostile record is shown as text.
	assert.NotContains(t, html, "<script>alert(1)</script>")
	assert.NotContains(t, html, "<b>x</b>")
	assert.Contains(t, html, "&lt;script&gt;alert(1)&lt;/script&gt;")
	assert.Equal(t, 1, strings.Count(html, "<script>"), "only the report's own script")
	// Tags balance.
	for _, tag := range []string{"table", "section", "svg", "tr", "mark", "ul"} {
		assert.Equal(t, strings.Count(html, "<"+tag+">")+strings.Count(html, "<"+tag+" "), strings.Count(html, "</"+tag+">"), tag)
	}
	assert.NotContains(t, html, "ZgotmplZ", "no value rejected by the template's escaper")

	// Deterministic: the same input gives the same samples.
	_, again := makeReport(t, in)
	assert.Equal(t, examplesSection(html), examplesSection(again))
}

func examplesSection(html string) string {
	i := strings.Index(html, `id="examples"`)
	j := strings.Index(html[i:], "</section>")
	return html[i : i+j]
}

// TestReportRendersInChromium renders the report with headless Chromium
// and checks the screenshot is not blank. It is skipped where Chromium is
// not installed.
func TestReportRendersInChromium(t *testing.T) {
	browser := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("chromium is not installed")
	}
	path, _ := makeReport(t, reportInput(t))
	png := filepath.Join(t.TempDir(), "report.png")
	cmd := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		"--user-data-dir="+t.TempDir(), "--window-size=1280,2000", "--screenshot="+png, "file://"+path)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		require.NoError(t, err, "%s", out.String())
	case <-time.After(45 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("chromium did not finish: %s", out.String())
	}
	f, err := os.Open(png)
	require.NoError(t, err)
	defer f.Close()
	img, _, err := image.Decode(f)
	require.NoError(t, err)
	b := img.Bounds()
	require.Equal(t, 1280, b.Dx())
	// Not blank: many distinct colours, and plenty of pixels that are not
	// the background.
	colours := map[[3]uint32]bool{}
	bg := 0
	total := 0
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
			if r>>8 >= 0xf0 && g>>8 >= 0xf0 && bl>>8 >= 0xf0 {
				bg++
			}
			total++
		}
	}
	assert.Greater(t, len(colours), 50, "a rendered page has many colours")
	assert.Less(t, float64(bg)/float64(total), 0.97, "mostly blank")
	// The action colours of the charts are there.
	for _, want := range [][3]uint32{{0x2f, 0x9e, 0x6b}, {0xc9, 0x2a, 0x2a}} {
		assert.True(t, colours[want], "colour %x", want)
	}
}
