// Package corpus generates deterministic pattern sets and haystacks for the
// ahocorasick benchmarks: Chinese terms built from common Han characters,
// English terms built from word-like syllables, and haystacks made of
// ordinary English and Chinese prose, clean (no pattern occurs) or with
// pattern occurrences inserted.
package corpus

import (
	"bytes"
	"math/rand/v2"
	"strings"
)

// Lang selects the script of patterns and haystacks.
type Lang int

// Languages.
const (
	English Lang = iota
	Chinese
	Mixed
)

func (l Lang) String() string {
	switch l {
	case English:
		return "en"
	case Chinese:
		return "zh"
	default:
		return "mixed"
	}
}

// commonHan lists frequent Han characters, most frequent first.
const commonHan = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵硬麦蒋操阻订彩抽赞魔纷沿喊违妹浪汇币丰蓝殊献桌啦瓦莱援译夺汽烧距裁偏符勇触课敬哭懂墙袭召罚侠厅拜巧侧韩冒债曼融惯享戴童犹乘挂奖绍厚纵障讯涉彻刊丈爆乌役描洗玛患妙镜唱烦签仙彼弗症仿倾牌陷鸟轰咱菜闭奋庆撤泪茶疾缘播朗杜奶季丹狗尾仪偷奔珠虫驻孔宜艾桥淡翼恨繁寒伴叹旦愈潮粮缩罢聚径恰挑袋灰捕徐珍幕映裂泰隔启尖忠累炎暂估泛荒偿横拒瑞忆孤鼻闹羊呆厉衡胞零穷舍码赫婆魂灾洪腿胆津俗辩胸晓劲贫仁偶辑邦恢赖圈摸仰润堆碰艇稍迟辆废净凶署壁御奉旋冬矿抬蛋晨伏吹鸡倍糊秦盾杯租骑乏隆诊奴摄丧污渡旗甘耐凭扎抢绪粗肩梁幻菲皆碎宙叔岩荡综爬荷悉蒂返井壮薄悄扫敏碍殖详迪矛霍允幅撒剩凯颗骂赏液番箱贴漫酸郎腰舒眉忧浮辛恋餐吓挺励辞艘键伍峰尺昨黎辈贯侦滑券崇扰宪绕趋慈乔阅汗枝拖墨胁插箭腊粉泥氏彭拔骗凤慧媒佩愤扑龄驱惜豪掩兼跃尸肃帕驶堡届欣惠册储飘桑闲惨洁踪勃宾频仇磨递邪撞拟滚奏巡颜剂绩贡疯坡瞧截燃焦殿伪柳锁逼颇昏劝呈搜勤戒驾漂饮曹朵仔柔俩孟腐幼践籍牧凉牲佳娜浓芳稿竹腹跌逻垂遵脉貌柏狱猜怜惑陶兽帐饰贷昌叙躺钢沟寄扶铺邓寿惧询汤盗肥尝匆辉奈扣廷澳嘛董迁凝慰厌脏腾幽怨鞋丢埋泉涌辖躲晋紫艰魏吾慌祝邮吐狠鉴曰械咬邻赤挤弯椅陪割揭韦悟聪雾锋梯猫祥阔誉筹丛牵鸣沈阁穆屈旨袖猎臂蛇贺柱抛鼠瑟戈牢逊迈欺吨琴衰瓶恼燕仲诱狼池疼卢仗冠粒遥吕玄尘冯抚浅敦纠钻晶岂峡苍喷耗凌敲菌赔涂粹扁亏寂煤熊恭湿循暖糖赋抑秩帽哀宿踏烂袁侯抖夹昆肝擦猪炼恒慎搬纽纹玻渔磁铜齿跨押怖漠疲叛遣兹祭醉拳弥斜档稀捷肤疫肿豆削岗晃吞宏癌肚隶履涨耀扭坛拨沃绘伐堪仆郭牺歼墓雇廉契拼惩捉覆刷劫嫌瓜歇雕闷乳串娃缴唤赢莲霸桃妥瘦搭赴岳嘉舱俊址庞耕锐缝悔邀玲惟斥宅添挖呵讼氧浩羽斤酷掠妖祸侍乙妨贪挣汪尿莉悬唇翰仓轨枚盐览傅帅庙芬屏寺胖璃愚滴疏萧姿颤丑劣柯寸扔盯辱匹俱辨饿蜂哦腔郁溃谨糟葛苗肠忌溜鸿爵鹏鹰笼丘桂滋聊挡纲肌茨壳痕碗穴膀卓贤卧膜毅锦欠哩函茫昂薛皱夸豫胃舌剥傲拾窝睁携陵哼棉晴铃填饲渴吻扮逆脆喘罩卜炉柴愉绳胎蓄眠竭喂傻慕浑奸扇柜悦拦诞饱乾泡贼亭夕爹酬儒姻卵氛泄杆挨僧蜜吟猩遂狭肖甜霞驳裕顽於摘矮秒卿畜咽披辅勾盆疆赌塑畏吵囊嗯泊肺骤缠冈羞瞪吊贾漏斑涛悠鹿俘锡卑葬铭滩嫁催璇翅盒蛮矣潘歧赐鲍锅廊拆灌勉盲宰佐啥胀扯禧辽抹筒棋裤唉朴咐孕誓喉妄拘链驰栏逝窃艳臭纤玑棵趁匠盈翁愁瞬婴孝颈倘浙谅蔽畅赠妮莎尉冻跪闯葡後厨鸭颠遮谊圳吁仑辟瘤嫂陀框谭亨钦庸歉芝吼甫衫摊宴嘱衷娇陕矩浦讶耸裸碧摧薪淋耻胶屠鹅饥盼脖虹翠崩账萍逢赚撑翔倡绵猴枯巫昭怔渊凑溪蠢禅阐旺寓藤匪伞碑挪琼脂谎慨菩萄狮掘抄岭晕逮砍挫僵匀怠嘲墟烛谱惶溢拢闸棚呐芦扛宪朽寨邱"

// Syllable parts of the English-like terms.
var (
	onsets = strings.Fields("b bl br c ch cl cr d dr f fl fr g gl gr h j k l m n p ph pl pr qu r s sc sh sk sl sm sn sp st str sw t th tr tw v w wh wr y z")
	nuclei = strings.Fields("a e i o u a e i o u ai ea ee ie oa oo ou ay ey")
	codas  = append([]string{"", "", "", ""}, strings.Fields("b ck d ft g k l ll lt m n nd ng nk nt p r rd rk rm rn rt s sh ss st t th x ze")...)
)

// englishProse and chineseProse are ordinary paragraphs; haystacks are
// built from them. Patterns never contain '\n', and paragraphs are joined
// with blank lines, so no pattern spans two paragraphs.
var englishProse = []string{
	"The city council met on Tuesday evening to discuss the new budget for public libraries. Several residents spoke in favour of longer opening hours, pointing out that students often have nowhere quiet to study after school. The mayor said the proposal would be reviewed by the finance committee before the end of the month.",
	"Our weekend trip to the coast was mostly rain, but we still managed a long walk along the cliffs on Sunday morning. The wind was strong enough to make conversation difficult, so we walked in silence and watched the waves break against the rocks below. Lunch at the harbour cafe made up for everything.",
	"If you are setting up a small vegetable garden for the first time, start with plants that forgive mistakes. Lettuce, radishes and beans grow quickly and need little attention beyond regular watering. Tomatoes are rewarding too, although they like warm weather and benefit from a sturdy stake or cage.",
	"The team shipped the release a day later than planned after a last minute bug turned up in the import tool. Nobody lost any data, and the fix itself was only three lines long, but finding it took most of Thursday. The retrospective on Friday focused on how to catch this kind of problem earlier in the cycle.",
	"My grandmother kept a notebook of recipes that she had collected over fifty years, written in pencil and full of small corrections. Some pages have only a list of ingredients and a temperature, as if the rest were too obvious to write down. We are slowly typing them up so that the whole family can cook from it.",
	"Thanks for the quick reply. I checked the settings you mentioned and the notifications are working again on my phone, although the laptop still shows the old messages twice. I will try logging out and back in tonight and let you know whether that helps. Have a good evening!",
	"Researchers at the university have published a study on how birds adjust their songs in noisy urban areas. Recordings from parks near busy roads showed that many species sing at a slightly higher pitch than their relatives in the countryside, which helps the sound carry over the low rumble of traffic.",
}

var chineseProse = []string{
	"周末我们一家人去郊外的公园散步，天气非常好，阳光照在湖面上，闪闪发亮。孩子们在草地上放风筝，老人们坐在树下聊天，还有人在湖边钓鱼。中午我们在附近的小饭馆吃了面条和饺子，味道很不错，价格也不贵。",
	"这家书店开在老街的拐角处，店面不大，但是书的种类很多。老板是一位退休的语文老师，他说开书店是为了让附近的学生有一个安静看书的地方。每到周末，店里总是坐满了来读书的年轻人，有时候还会举办小型的读书分享会。",
	"今年春天雨水比往年多，村里的果树开花晚了将近两个星期。农民们担心会影响收成，不过农业技术员来看过以后说，只要后面天气正常，产量应该不会受到太大影响。大家听了都松了一口气，又开始忙着给果园除草施肥。",
	"公司最近推出了一款新的手机应用，可以帮助用户记录每天的饮食和运动情况。上线第一周下载量就超过了十万次，很多用户在评论里提出了改进建议，比如希望增加夜间模式和数据导出功能。开发团队表示会在下一个版本中逐步完善。",
	"小王刚来北京工作的时候，每天挤地铁上下班，单程就要一个多小时。后来他在公司附近租了一间小房子，虽然房租贵了一些，但是每天可以多睡一会儿，晚上还有时间学习英语和做饭。他说生活质量提高了很多，工作起来也更有精神了。",
	"这座博物馆收藏了大量古代的陶器和青铜器，其中有不少是近几年在本省考古发掘中出土的。讲解员介绍说，这些文物对于研究当时人们的生活方式和社会结构有很重要的价值。参观的游客很多，特别是放暑假以后，每天都要排队入场。",
	"谢谢你的来信，你提到的问题我已经转给了负责的同事，他们会在三个工作日之内给你答复。如果还有其他需要帮助的地方，欢迎随时联系我们的客服热线，或者在网站上留言。祝你工作顺利，生活愉快！",
}

// gen generates terms deterministically.
type gen struct {
	r   *rand.Rand
	han []rune
}

func newGen(seed uint64) *gen {
	return &gen{r: rand.New(rand.NewPCG(seed, 0x5eed)), han: []rune(commonHan)}
}

// chinese returns a term of 2 to 5 Han characters, skewed towards frequent
// characters the way real term lists are.
func (g *gen) chinese() []byte {
	n := 2 + g.r.IntN(3)
	if g.r.IntN(8) == 0 {
		n = 5
	}
	var b []byte
	for range n {
		u := g.r.Float64()
		b = append(b, string(g.han[int(u*u*float64(len(g.han)))])...)
	}
	return b
}

// english returns one to three word-like words joined by spaces, each of
// one to three syllables.
func (g *gen) english() []byte {
	words := 1
	switch g.r.IntN(10) {
	case 0, 1, 2:
		words = 2
	case 3:
		words = 3
	}
	var b []byte
	for w := range words {
		if w > 0 {
			b = append(b, ' ')
		}
		syl := 1 + g.r.IntN(3)
		for range syl {
			b = append(b, onsets[g.r.IntN(len(onsets))]...)
			b = append(b, nuclei[g.r.IntN(len(nuclei))]...)
			b = append(b, codas[g.r.IntN(len(codas))]...)
		}
	}
	if len(b) < 4 { // very short terms are rare in real lists
		b = append(b, codas[4+g.r.IntN(len(codas)-4)]...)
		b = append(b, nuclei[g.r.IntN(len(nuclei))]...)
	}
	return b
}

// Patterns returns n distinct patterns of the given language (Mixed
// alternates Chinese and English), none of which occurs in the prose that
// haystacks are made of. The same arguments always give the same patterns.
func Patterns(lang Lang, n int) [][]byte {
	g := newGen(uint64(n)*3 + uint64(lang))
	prose := proseSubstrings()
	seen := make(map[string]bool, n)
	pats := make([][]byte, 0, n)
	for i := 0; len(pats) < n; i++ {
		var p []byte
		switch {
		case lang == English, lang == Mixed && i%2 == 1:
			p = g.english()
		default:
			p = g.chinese()
		}
		if seen[string(p)] || prose[string(p)] {
			continue
		}
		seen[string(p)] = true
		pats = append(pats, p)
	}
	return pats
}

// maxTermLen bounds the length of generated terms.
const maxTermLen = 64

// proseSubstrings returns every substring of the prose up to maxTermLen
// bytes long.
func proseSubstrings() map[string]bool {
	m := make(map[string]bool)
	for _, set := range [][]string{englishProse, chineseProse} {
		for _, p := range set {
			for i := range p {
				for j := i + 1; j <= len(p) && j-i <= maxTermLen; j++ {
					m[p[i:j]] = true
				}
			}
		}
	}
	return m
}

// Haystack returns about size bytes of prose in the given language (Mixed
// interleaves English and Chinese paragraphs). If patterns is non-empty,
// an occurrence of a randomly chosen pattern is inserted after the word or
// character at roughly every every-th byte; with no patterns the result is
// clean with respect to any set returned by Patterns.
func Haystack(lang Lang, size int, patterns [][]byte, every int) []byte {
	r := rand.New(rand.NewPCG(uint64(size), uint64(lang)))
	var b bytes.Buffer
	next := every
	for b.Len() < size {
		var para string
		switch {
		case lang == English, lang == Mixed && r.IntN(2) == 0:
			para = englishProse[r.IntN(len(englishProse))]
		default:
			para = chineseProse[r.IntN(len(chineseProse))]
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		for _, c := range para {
			b.WriteRune(c)
			if len(patterns) > 0 && b.Len() >= next && (c == ' ' || c >= 0x4e00) {
				b.Write(patterns[r.IntN(len(patterns))])
				if c == ' ' {
					b.WriteByte(' ')
				}
				next = b.Len() + every/2 + r.IntN(every)
			}
		}
	}
	return b.Bytes()
}
