package main

import (
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal: the progress bar is drawn
// only there, never into a pipe or a file.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress draws a progress bar on a terminal: posts written, their rate
// and the time left. The total number of posts is estimated from the share
// of the input bytes read so far (compressed bytes for compressed files)
// and is exact once the last input has been read. With an input of unknown
// size (stdin, a pipe) it shows a spinner with the count and rate.
type progress struct {
	bytes      atomic.Int64 // input bytes read
	read       atomic.Int64 // records read
	readerDone atomic.Bool
	records    atomic.Int64 // records written
	total      int64        // input bytes, or -1 when unknown
	bar        *progressbar.ProgressBar
	done       chan struct{}
	wg         sync.WaitGroup
}

func startProgress(w io.Writer, sizes []int64) *progress {
	p := &progress{done: make(chan struct{})}
	for _, s := range sizes {
		if s < 0 {
			p.total = -1
			break
		}
		p.total += s
	}
	max := int64(-1)
	if p.total > 0 {
		max = 1
	}
	p.bar = progressbar.NewOptions64(max,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("scanning"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("posts"),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionSetTheme(progressbar.ThemeASCII),
		progressbar.OptionSetRenderBlankState(true),
	)
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-p.done:
				return
			case <-t.C:
				p.update()
			}
		}
	}()
	return p
}

func (p *progress) update() {
	done := p.records.Load()
	if p.total > 0 {
		est := p.read.Load()
		if b := p.bytes.Load(); !p.readerDone.Load() && b > 0 {
			est = int64(float64(est) * float64(p.total) / float64(b))
		}
		p.bar.ChangeMax64(max(est, done, 1))
	}
	p.bar.Set64(done)
}

// stop draws the final state and removes the bar, so the summary line
// stands alone.
func (p *progress) stop() {
	close(p.done)
	p.wg.Wait()
	p.update()
	p.bar.Finish()
	p.bar.Clear()
}

// countingReader counts the bytes read through it.
type countingReader struct {
	io.ReadCloser
	n *atomic.Int64
}

func (c countingReader) Read(b []byte) (int, error) {
	n, err := c.ReadCloser.Read(b)
	c.n.Add(int64(n))
	return n, err
}
