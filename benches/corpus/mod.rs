//! The corpus generator shared by `examples/gen_corpus.rs` and the benches: Vietnamese
//! official statements built from a small set of sentence templates (written for this
//! project) with varied provinces, years, figures and partners, from a fixed seed.
//!
//! National figures (trade, FDI, remittances, diplomatic relations, UNESCO titles, a state
//! visit) have one true value per year that most documents restate and a few (1 in 100) get
//! wrong; local figures are fixed by province, year and template, so documents about the
//! same province and year agree but for the same rare drift. The matcher so sees realistic
//! blocks: many agreeing claims, a few conflicts.

#![allow(dead_code)]

use std::fmt::Write as _;

/// splitmix64: tiny, fast and the same on every platform and Rust version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
    /// True with probability `p` percent.
    fn chance(&mut self, p: u64) -> bool {
        self.next() % 100 < p
    }
}

/// A figure fixed by its keys (province, year, template, slot), so every document that
/// states it agrees; `Facts::get` lets a few restatements drift.
struct Facts {
    seed: u64,
}

impl Facts {
    fn value(&self, keys: &[u64], lo: u64, hi: u64) -> u64 {
        let mut h = Rng(self.seed ^ 0xA076_1D64_78BD_642F);
        for &k in keys {
            h.0 ^= k.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            h.next();
        }
        h.range(lo, hi)
    }
    /// The fact, or now and then (1 in 100) a slightly wrong one.
    fn get(&self, rng: &mut Rng, keys: &[u64], lo: u64, hi: u64) -> u64 {
        let v = self.value(keys, lo, hi);
        if rng.chance(1) {
            v + rng.range(1, 9)
        } else {
            v
        }
    }
}

const PROVINCES: &[&str] = &[
    "Lào Cai",
    "Yên Bái",
    "Thái Nguyên",
    "Bắc Ninh",
    "Hải Dương",
    "Quảng Ninh",
    "Nam Định",
    "Ninh Bình",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Quảng Bình",
    "Quảng Trị",
    "Thừa Thiên Huế",
    "Quảng Nam",
    "Quảng Ngãi",
    "Bình Định",
    "Phú Yên",
    "Khánh Hòa",
    "Ninh Thuận",
    "Lâm Đồng",
    "Đắk Lắk",
    "Gia Lai",
    "Kon Tum",
    "Bình Dương",
    "Đồng Nai",
    "Tây Ninh",
    "Long An",
    "Tiền Giang",
    "Bến Tre",
    "Vĩnh Long",
    "Cần Thơ",
    "An Giang",
    "Kiên Giang",
    "Sóc Trăng",
    "Bạc Liêu",
    "Cà Mau",
];

const PARTNERS: &[&str] = &[
    "Nhật Bản",
    "Hàn Quốc",
    "Singapore",
    "Thái Lan",
    "Lào",
    "Campuchia",
    "Ấn Độ",
    "Australia",
    "Pháp",
    "Đức",
    "Italy",
    "Hoa Kỳ",
    "Canada",
    "Brazil",
    "Nam Phi",
    "Ai Cập",
];

const SECTORS: &[&str] = &[
    "công nghiệp chế biến",
    "nông nghiệp công nghệ cao",
    "du lịch sinh thái",
    "logistics",
    "năng lượng tái tạo",
    "thương mại điện tử",
    "chế biến thủy sản",
    "dệt may",
];

/// Things a province counts, with the noun they are counted in.
const LOCAL_COUNTS: &[(&str, &str)] = &[
    ("dự án đầu tư mới", "dự án"),
    ("doanh nghiệp thành lập mới", "doanh nghiệp"),
    ("xã đạt chuẩn nông thôn mới", "xã"),
    ("trường học đạt chuẩn quốc gia", "trường"),
    ("hợp tác xã nông nghiệp", "hợp tác xã"),
    ("lượt khách quốc tế", "lượt khách"),
    ("lao động có việc làm mới", "lao động"),
    ("hộ thoát nghèo", "hộ"),
];

const NUMBER_WORDS: &[(&str, u64)] = &[
    ("hai", 2),
    ("ba", 3),
    ("bốn", 4),
    ("năm", 5),
    ("sáu", 6),
    ("bảy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
    ("mười hai", 12),
    ("hai mươi", 20),
];

const FILLERS: &[&str] = &[
    "Công tác chỉ đạo, điều hành được triển khai đồng bộ, bám sát thực tiễn của địa phương.",
    "Các sở, ngành đã phối hợp chặt chẽ, kịp thời tháo gỡ khó khăn cho người dân và doanh nghiệp.",
    "Bên cạnh kết quả đạt được, vẫn còn một số hạn chế cần sớm được khắc phục trong thời gian tới.",
    "Ủy ban nhân dân tỉnh yêu cầu các đơn vị tiếp tục rà soát, hoàn thiện cơ chế, chính sách.",
    "Hoạt động thông tin, tuyên truyền được đẩy mạnh, tạo đồng thuận trong xã hội.",
    "Công tác cải cách hành chính có chuyển biến rõ nét, chỉ số hài lòng của người dân được nâng lên.",
    "Việc chuyển đổi số trong cơ quan nhà nước được quan tâm, nhiều thủ tục đã được thực hiện trực tuyến.",
    "Quốc phòng, an ninh được giữ vững, trật tự an toàn xã hội được bảo đảm.",
];

/// One national figure per year: its true value, from which a few documents drift.
fn national(year: u64) -> [u64; 6] {
    let k = year - 2015;
    [
        500 + 28 * k,   // trade total, tỷ USD
        200 + 13 * k,   // FDI registered, tenths of tỷ USD
        120 + 9 * k,    // remittances, tenths of tỷ USD
        185 + k.min(8), // countries with diplomatic relations
        60 + k,         // UNESCO titles
        5 + k % 4,      // day of a state visit in September
    ]
}

/// A figure written the Vietnamese way: thousands dot, decimal comma.
fn vn(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Tenths as a decimal with a comma (`366` -> `36,6`).
fn tenths(n: u64) -> String {
    format!("{},{}", vn(n / 10), n % 10)
}

fn national_sentence(rng: &mut Rng, facts: &Facts, year: u64) -> String {
    let truth = national(year);
    let prev = year - 1;
    // a national figure, right most of the time
    let get = |rng: &mut Rng, v: u64| {
        if rng.chance(1) {
            v + rng.range(1, 9)
        } else {
            v
        }
    };
    let t = rng.range(0, 7);
    let fact = |slot: u64, lo: u64, hi: u64| facts.value(&[0, year, t, slot], lo, hi);
    match t {
        0 => format!(
            "Năm {year}, tổng kim ngạch xuất nhập khẩu của cả nước đạt {} tỷ USD, tăng {},{}% so với năm {prev}.",
            get(rng, truth[0]),
            fact(1, 2, 15),
            fact(2, 0, 9)
        ),
        1 => format!(
            "Vốn đầu tư trực tiếp nước ngoài đăng ký vào Việt Nam trong năm {year} đạt {} tỷ USD.",
            tenths(get(rng, truth[1]))
        ),
        2 => format!(
            "Lượng kiều hối chuyển về nước năm {year} ước đạt khoảng {} tỷ USD, góp phần ổn định cán cân thanh toán.",
            tenths(get(rng, truth[2]))
        ),
        3 => format!(
            "Tính đến hết năm {year}, Việt Nam đã thiết lập quan hệ ngoại giao với {} quốc gia.",
            get(rng, truth[3])
        ),
        4 => format!(
            "Tính đến hết năm {year}, tổng số danh hiệu của Việt Nam được UNESCO ghi danh là {} danh hiệu.",
            get(rng, truth[4])
        ),
        5 => {
            let d = if rng.chance(1) {
                truth[5] + 3
            } else {
                truth[5]
            };
            format!(
                "Chủ tịch nước đã có chuyến thăm chính thức Cộng hòa Pháp từ ngày {d}-{}/9/{year}, mở ra giai đoạn hợp tác mới.",
                d + 2
            )
        }
        6 => format!(
            "Tăng trưởng GDP năm {year} đạt {},{}%, thuộc nhóm cao trong khu vực.",
            fact(1, 5, 7),
            fact(2, 0, 9)
        ),
        _ => format!(
            "Mục tiêu đến năm {} là nâng kim ngạch xuất khẩu lên {} tỷ USD.",
            year + 5,
            vn(fact(1, 4, 9) * 100)
        ),
    }
}

fn local_sentence(rng: &mut Rng, facts: &Facts, p: usize, year: u64) -> String {
    let province = PROVINCES[p];
    let c = rng.range(0, LOCAL_COUNTS.len() as u64 - 1);
    let (what, noun) = LOCAL_COUNTS[c as usize];
    let partner = rng.range(0, PARTNERS.len() as u64 - 1);
    let sector = rng.range(0, SECTORS.len() as u64 - 1);
    let t = rng.range(0, 11);
    let n = rng.range(10, 180);
    // each figure is fixed by the province, the year, the template and what the sentence
    // names (what it counts, the partner, the sector): two sentences that read alike agree
    let (kc, kp, ks) = match t {
        0 | 5 | 11 => (c, 0, 0),
        1 => (0, 0, sector),
        2 | 6 => (0, partner, 0),
        _ => (0, 0, 0),
    };
    let keys = [p as u64 + 1, year, t, kc, kp, ks];
    let mut f = |slot: u64, lo: u64, hi: u64| {
        let mut k = keys;
        k[2] = t * 100 + slot;
        facts.get(rng, &k, lo, hi)
    };
    let (partner, sector) = (PARTNERS[partner as usize], SECTORS[sector as usize]);
    match t {
        0 => format!(
            "Trong năm {year}, tỉnh {province} có {} {what}, tăng {},{}% so với năm trước.",
            vn(f(0, 12, 4_000)),
            f(1, 1, 30),
            f(2, 0, 9)
        ),
        1 => format!(
            "Sáu tháng đầu năm {year}, {province} thu hút {} dự án đầu tư trực tiếp nước ngoài trong lĩnh vực {sector}, với tổng vốn đăng ký gần {} triệu USD.",
            f(0, 3, 60),
            vn(f(1, 40, 2_500))
        ),
        2 => format!(
            "Ngày {}/{}/{year}, đoàn công tác của tỉnh {province} đã sang thăm và làm việc tại {partner}, ký kết {} văn bản hợp tác.",
            f(0, 1, 28),
            f(1, 1, 12),
            NUMBER_WORDS[f(2, 0, NUMBER_WORDS.len() as u64 - 1) as usize % NUMBER_WORDS.len()].0
        ),
        3 => format!(
            "Tổng thu ngân sách nhà nước trên địa bàn {province} năm {year} đạt {} tỷ đồng, vượt {},{}% dự toán.",
            vn(f(0, 2_000, 60_000)),
            f(1, 1, 25),
            f(2, 0, 9)
        ),
        4 => format!(
            "Tỷ lệ hộ nghèo của {province} giảm còn {},{}%, thấp hơn {},{} điểm phần trăm so với cuối năm {}.",
            f(0, 1, 9),
            f(1, 0, 9),
            f(2, 0, 2),
            f(3, 1, 9),
            year - 1
        ),
        5 => format!(
            "Kế hoạch của tỉnh {province} đặt mục tiêu đến năm {} có ít nhất {} {what}.",
            year + 3,
            vn(f(0, 20, 900))
        ),
        6 => format!(
            "Kim ngạch xuất khẩu của {province} sang {partner} trong {} tháng đầu năm {year} đạt {} triệu USD, gấp {},{} lần cùng kỳ.",
            f(0, 3, 11),
            vn(f(1, 15, 1_800)),
            f(2, 1, 3),
            f(3, 1, 9)
        ),
        7 => {
            // a province's resolution: its number and year fix its date in every document
            // that cites it (each province numbers its own)
            let n = p as u64 * 5 + n % 5 + 1;
            let (d, m) = (
                facts.value(&[7, n, year, 1], 1, 28),
                facts.value(&[7, n, year, 2], 1, 12),
            );
            format!(
                "Thực hiện Nghị quyết số {n}/{year}/NQ-HĐND ngày {d}/{m}/{year} của Hội đồng nhân dân tỉnh {province}, đã có {}/{} huyện hoàn thành chỉ tiêu.",
                f(0, 3, 9),
                f(1, 9, 12)
            )
        }
        8 => format!(
            "Giai đoạn {}-{year}, {province} đã hoàn thành {} km đường giao thông nông thôn và {} công trình thủy lợi.",
            year - 3,
            vn(f(0, 50, 3_000)),
            f(1, 5, 120)
        ),
        9 => format!(
            "Năm {year}, {province} đón hơn {} lượt khách du lịch, trong đó khách quốc tế chiếm khoảng {}%.",
            vn(f(0, 1, 90) * 100_000),
            f(1, 3, 40)
        ),
        10 => format!(
            "Tỉnh {province} tập trung vào {} trụ cột: hạ tầng, nguồn nhân lực và thể chế, phấn đấu tăng trưởng {},{}% trong quý {}/{year}.",
            NUMBER_WORDS[f(0, 0, 2) as usize % NUMBER_WORDS.len()].0,
            f(1, 6, 10),
            f(2, 0, 9),
            ["I", "II", "III", "IV"][f(3, 0, 3) as usize % 4]
        ),
        _ => format!(
            "Hiện {province} có {} {noun} đang hoạt động, bình quân mỗi năm tăng thêm khoảng {}.",
            vn(f(0, 100, 9_000)),
            f(1, 10, 300)
        ),
    }
}

fn document(rng: &mut Rng, facts: &Facts, index: usize, target: usize) -> String {
    let p = rng.range(0, PROVINCES.len() as u64 - 1) as usize;
    let province = PROVINCES[p];
    let year = rng.range(2018, 2025);
    let mut out = String::with_capacity(target + 1024);
    let _ = write!(
        out,
        "---\ntitle: Báo cáo kết quả kinh tế - xã hội và đối ngoại năm {year} của tỉnh {province} (số {index})\ndate: {}-{:02}-{:02}\n---\n\n# Báo cáo tình hình năm {year}\n\n",
        year + 1,
        rng.range(1, 3),
        rng.range(1, 28)
    );
    let mut section = 1;
    let mut said = std::collections::HashSet::new();
    while out.len() < target {
        if rng.chance(12) {
            let _ = write!(out, "## {section}. Kết quả nổi bật năm {year}\n\n");
            section += 1;
        }
        let list = rng.chance(15);
        let sentences = rng.range(3, 7);
        for k in 0..sentences {
            let mut s = match rng.range(0, 9) {
                0..=1 => national_sentence(rng, facts, year),
                2..=7 => local_sentence(rng, facts, p, year),
                _ => rng.pick(FILLERS).to_string(),
            };
            // a report states a figure once: a sentence already written gives way to prose
            if !said.insert(s.clone()) {
                s = rng.pick(FILLERS).to_string();
            }
            if list {
                out.push_str("- ");
                out.push_str(&s);
                out.push('\n');
            } else {
                if k > 0 {
                    out.push(' ');
                }
                out.push_str(&s);
            }
        }
        out.push_str("\n\n");
    }
    out
}

/// `files` documents of about `mb` MB in all: (file name, text). The same arguments always
/// give the same bytes.
pub fn generate(mb: f64, files: usize, seed: u64) -> Vec<(String, String)> {
    let files = files.max(1);
    let per_file = ((mb * 1e6) / files as f64) as usize;
    let mut rng = Rng(seed);
    let facts = Facts { seed };
    (0..files)
        .map(|i| {
            (
                format!("bao-cao-{i:05}.md"),
                document(&mut rng, &facts, i, per_file),
            )
        })
        .collect()
}
