package langdetect

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/pemistahl/lingua-go"
)

// benchPosts are short posts written for these benchmarks in the style of
// the community: Chinese, English and mixed, with emoji, hashtags,
// mentions and links.
var benchPosts = map[string][]string{
	"zh": {
		"今天去了新开的咖啡店，抹茶拿铁真的绝了☕️ 强烈推荐！",
		"求推荐适合油皮的防晒霜🙏 夏天出油太严重了",
		"周末去爬山啦⛰️ 风景超级美，就是腿有点酸😂",
		"家人们谁懂啊，这个粉底液真的太好用了 #美妆分享[话题]#",
		"第一次做红烧肉，居然成功了！步骤放在评论区～",
		"租房避雷‼️ 这家中介千万别去，押金到现在都没退",
		"分享一下我的极简衣橱，十件衣服搞定一周穿搭",
		"宝宝辅食第三周，南瓜小米粥很受欢迎 #育儿日常",
		"今天的晚霞也太好看了吧🌅🌅🌅",
		"有没有人知道这个包是什么牌子的？在地铁上看到的",
		"考研上岸啦！！！感谢这一年努力的自己💪",
		"新手养猫需要准备什么？求各位铲屎官指点🐱",
		"成都三天两夜攻略，吃货必看🌶️ 火锅串串都安排上了",
		"这家店的服务态度真的很差，再也不会来了",
		"自己在家做的手冲咖啡，豆子是埃塞俄比亚的",
		"欢迎来到小红书的新朋友们～有问题可以问我哦",
		"減肥第30天，瘦了五公斤，繼續加油！",
		"台北這家早餐店的蛋餅真的超好吃，每次來都要排隊",
		"读书笔记｜《被讨厌的勇气》读完很有收获",
		"雨天适合在家看电影，推荐几部治愈系的🎬",
	},
	"en": {
		"Just tried the new matcha latte at the corner cafe and honestly it was amazing ☕️",
		"Can someone recommend a good sunscreen for oily skin? 🙏",
		"Hi everyone! New here from TikTok, excited to learn about this community #TikTokRefugee",
		"My first time making dumplings from scratch, they turned out so cute 🥟",
		"Does anyone know where I can buy this bag? Saw it on the subway",
		"Weekend hike with my dog, the view was totally worth it 🐶⛰️",
		"PSA: check out https://example.com/guide for the full skincare routine",
		"Thank you all for being so welcoming, you guys are the best ❤️",
		"Trying to learn Chinese, any tips for a complete beginner?",
		"This is my cat judging me while I work from home 😹",
		"Rate my outfit for today's brunch, be honest lol",
		"Made banana bread again because apparently that's my personality now",
		"Huge thanks to @linda_cooks for the recipe, it worked perfectly",
		"Can't believe how many people here are into knitting too 🧶",
		"Just finished my first half marathon!!! Legs are dead but so happy",
		"Honest review: this moisturizer broke me out, would not recommend",
		"Hola a todos, soy nueva aquí y me encanta esta aplicación 💕",
		"Bonjour! Je viens de France et j'adore déjà cette communauté",
		"Good morning from Texas, what are you all having for breakfast?",
		"POV: you downloaded a Chinese app and now you're addicted 😂 #rednote",
	},
	"mixed": {
		"Welcome TikTok refugees! 欢迎来到小红书～",
		"今天终于学会了做饺子 so proud of myself 哈哈哈",
		"Hello from California! 大家好，我是新来的 👋",
		"谢谢大家的欢迎 thank you so much everyone ❤️",
		"第一次用小红书，please be nice to me 🥺",
		"This hotpot place is amazing 这家火锅店真的绝了 🌶️🔥",
		"我在学中文 I'm learning Chinese, 请多指教！",
		"OOTD｜今天的穿搭是 vintage style 你们觉得怎么样",
		"Cat tax 🐱 我家猫猫今天也很可爱",
		"English teacher here 可以互相学习语言 language exchange anyone?",
		"真的很喜欢这个 app，the community is so friendly",
		"Trying Chinese food for the first time 第一次吃麻辣烫 so spicy!!",
		"你真的是个天才 genius 👍",
		"这个 eyeliner 真的好用，waterproof 而且不晕妆",
		"Happy Chinese New Year! 新年快乐🧧 恭喜发财",
		"救命 this is so funny 笑死我了😂😂",
		"My Chinese name is 小美，nice to meet you all",
		"今日はとても楽しかった！Thank you everyone 🇯🇵",
		"안녕하세요! Hello from Korea 大家好",
		"小红书 is the best app ever 爱了爱了 #TikTokRefugee #小红书",
	},
}

func allBenchPosts() []string {
	var all []string
	for _, kind := range []string{"zh", "en", "mixed"} {
		all = append(all, benchPosts[kind]...)
	}
	return all
}

// exportPostsPath is the sample export of the examples: one JSON object
// with a "text" field per line.
const exportPostsPath = "../examples/data/posts.jsonl"

var (
	exportOnce  sync.Once
	exportPosts []string
	exportErr   error
)

// loadExportPosts returns the texts of the sample export.
func loadExportPosts() ([]string, error) {
	exportOnce.Do(func() {
		data, err := os.ReadFile(exportPostsPath)
		if err != nil {
			exportErr = err
			return
		}
		for _, line := range strings.Split(string(data), "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			var post struct{ Text string }
			if err := json.Unmarshal([]byte(line), &post); err != nil {
				exportErr = fmt.Errorf("%s: %v", exportPostsPath, err)
				return
			}
			exportPosts = append(exportPosts, post.Text)
		}
	})
	return exportPosts, exportErr
}

func BenchmarkDetect(b *testing.B) {
	kinds := []string{"zh", "en", "mixed", "all", "export"}
	posts := func(b *testing.B, kind string) []string {
		switch kind {
		case "all":
			return allBenchPosts()
		case "export":
			ps, err := loadExportPosts()
			if err != nil || len(ps) == 0 {
				b.Skipf("sample export not available: %v", err)
			}
			return ps
		}
		return benchPosts[kind]
	}
	impls := []struct {
		name   string
		detect func(b *testing.B) func(string)
	}{
		{"feedguard", func(b *testing.B) func(string) {
			d := testDetector(b)
			return func(s string) { d.Detect(s) }
		}},
		{"feedguard-lingua", func(b *testing.B) func(string) {
			if os.Getenv("FEEDGUARD_BENCH_LINGUA_PATH") == "" {
				b.Skip("set FEEDGUARD_BENCH_LINGUA_PATH=1 to measure feedguard classifying with lingua instead of its tables")
			}
			d := testLinguaPathDetector(b)
			return func(s string) { d.Detect(s) }
		}},
		{"lingua15", func(b *testing.B) func(string) {
			l := testLingua15(b)
			return func(s string) { l.DetectLanguageOf(s) }
		}},
		{"lingua-all", func(b *testing.B) func(string) {
			if os.Getenv("FEEDGUARD_BENCH_LINGUA_ALL") == "" {
				b.Skip("set FEEDGUARD_BENCH_LINGUA_ALL=1 to load all of lingua's models (about 1.8 GB)")
			}
			l := testLinguaAll()
			return func(s string) { l.DetectLanguageOf(s) }
		}},
	}
	for _, impl := range impls {
		for _, kind := range kinds {
			b.Run(fmt.Sprintf("impl=%s/posts=%s", impl.name, kind), func(b *testing.B) {
				ps := posts(b, kind)
				detect := impl.detect(b)
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					detect(ps[i%len(ps)])
				}
			})
		}
	}
}

// TestLoadCost reports the load time and the live heap after loading for
// each configuration. Each configuration runs in a fresh process, because
// lingua caches loaded models for the life of the process.
func TestLoadCost(t *testing.T) {
	if cfg := os.Getenv("FEEDGUARD_LOAD_CONFIG"); cfg != "" {
		measureLoad(t, cfg)
		return
	}
	if os.Getenv("FEEDGUARD_LOAD_REPORT") == "" {
		t.Skip("set FEEDGUARD_LOAD_REPORT=1 to measure load time and memory per configuration")
	}
	var b strings.Builder
	b.WriteString("\n| configuration | load time | heap after load | first Detect of an English post | runtime.GC() after load (median of 5) |\n|---|---|---|---|---|\n")
	for _, cfg := range []string{"feedguard", "feedguard-zh-en", "feedguard-lazy", "feedguard-lingua", "lingua15", "lingua-all"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLoadCost$", "-test.v")
		cmd.Env = append(os.Environ(), "FEEDGUARD_LOAD_CONFIG="+cfg)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", cfg, err, out)
		}
		for _, line := range strings.Split(string(out), "\n") {
			if _, row, ok := strings.Cut(line, "LOADCOST "); ok {
				b.WriteString(row + "\n")
			}
		}
	}
	t.Log(b.String())
}

func measureLoad(t *testing.T, cfg string) {
	const post = "Just tried the new matcha latte at the corner cafe and honestly it was amazing"
	var detect func(string)
	start := time.Now()
	switch cfg {
	case "feedguard", "feedguard-zh-en", "feedguard-lazy", "feedguard-lingua":
		var opts []Option
		if cfg == "feedguard-zh-en" {
			opts = append(opts, WithLanguages("zh", "en"))
		}
		if cfg == "feedguard-lazy" {
			opts = append(opts, WithLazyLoading())
		}
		if cfg == "feedguard-lingua" {
			opts = append(opts, withLinguaScorer())
		}
		d, err := New(opts...)
		if err != nil {
			t.Fatal(err)
		}
		detect = func(s string) { d.Detect(s) }
	case "lingua15":
		l := lingua.NewLanguageDetectorBuilder().FromLanguages(defaultLinguaLanguages(t)...).WithPreloadedLanguageModels().Build()
		detect = func(s string) { l.DetectLanguageOf(s) }
	case "lingua-all":
		l := lingua.NewLanguageDetectorBuilder().FromAllLanguages().WithPreloadedLanguageModels().Build()
		detect = func(s string) { l.DetectLanguageOf(s) }
	default:
		t.Fatalf("unknown configuration %q", cfg)
	}
	load := time.Since(start)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	start = time.Now()
	detect(post)
	first := time.Since(start)
	// A full collection marks every live pointer: its duration shows what
	// the loaded models cost every collection of the process.
	var gcTimes []time.Duration
	for range 5 {
		start = time.Now()
		runtime.GC()
		gcTimes = append(gcTimes, time.Since(start))
	}
	slices.Sort(gcTimes)
	fmt.Printf("LOADCOST | %s | %v | %d MiB | %v | %v |\n", cfg, load.Round(time.Millisecond), ms.HeapAlloc>>20, first.Round(time.Microsecond), gcTimes[2].Round(10*time.Microsecond))
}

// worstCasePosts are inputs built to be expensive: the longest texts the
// Detector examines, with as many distinct n-grams as possible, letters no
// model knows, and the longest text still scored with all five n-gram
// orders.
func worstCasePosts() map[string]string {
	rng := uint32(1)
	next := func(n int) int {
		rng = rng*1664525 + 1013904223
		return int(rng>>8) % n
	}
	letters := []rune("abcdefghijklmnopqrstuvwxyzàáâãäçèéêëìíîïñòóôõöùúûüýÿăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹğışß")
	random := func(bytes int, space int) string {
		var b strings.Builder
		for b.Len() < bytes {
			if space > 0 && next(space) == 0 {
				b.WriteByte(' ')
				continue
			}
			b.WriteRune(letters[next(len(letters))])
		}
		return b.String()
	}
	var unknown strings.Builder // Latin letters of no configured language
	for r := rune(0x0180); unknown.Len() < MaxScanBytes; r++ {
		if unicode.IsLetter(r) && unicode.Is(unicode.Latin, r) {
			unknown.WriteRune(r)
		}
		if r > 0x024F {
			r = 0x017F
		}
	}
	return map[string]string{
		"random-words-4KiB": random(MaxScanBytes, 6),
		"one-word-4KiB":     random(MaxScanBytes, 0),
		"unknown-letters":   unknown.String(),
		"119-letters":       string([]rune(random(400, 0))[:119]),
		"english-4KiB":      strings.Repeat("Honest review of the new matcha latte place downtown, worth the queue? ", 60)[:MaxScanBytes],
	}
}

func BenchmarkDetectWorstCase(b *testing.B) {
	posts := worstCasePosts()
	names := make([]string, 0, len(posts))
	for name := range posts {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, impl := range []string{"feedguard", "lingua15"} {
		for _, name := range names {
			b.Run(fmt.Sprintf("impl=%s/text=%s", impl, name), func(b *testing.B) {
				text := posts[name]
				var detect func(string)
				if impl == "feedguard" {
					d := testDetector(b)
					detect = func(s string) { d.Detect(s) }
				} else {
					l := testLingua15(b)
					detect = func(s string) { l.DetectLanguageOf(s) }
				}
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					detect(text)
				}
			})
		}
	}
}
