//! Every form of spec/claims.md §2, in sentences written for these tests.

mod common;

use common::*;
use factlint::claim::{Bound, Kind, Role};

#[test]
fn integers_with_thousands_dots_and_scale_words() {
    assert_claim(
        "Nước ta có quan hệ ngoại giao với 193 quốc gia.",
        "193 quốc gia",
        Kind::Count,
        193.0,
        Bound::Exact,
        Some("quốc gia"),
    );
    assert_claim(
        "Đầu tư toàn cầu từng ở mức 1.700 tỷ USD.",
        "1.700 tỷ USD",
        Kind::Money,
        1.7e12,
        Bound::Exact,
        Some("USD"),
    );
    assert_claim(
        "Nền kinh tế tạo ra 30 triệu việc làm mới.",
        "30 triệu việc làm",
        Kind::Count,
        3.0e7,
        Bound::Exact,
        Some("việc làm"),
    );
}

#[test]
fn decimal_comma_has_written_precision() {
    let (d, cs) = claims("Vốn FDI năm nay đạt 36,6 tỷ USD.");
    let c = find(&d, &cs, "36,6 tỷ USD");
    assert!(close(number(c), 3.66e10));
    assert!(close(c.interval.low.expect("low"), 3.655e10));
    assert!(close(c.interval.high.expect("high"), 3.665e10));
    assert_eq!(c.unit.as_deref(), Some("USD"));
}

#[test]
fn percent_and_change() {
    let (d, cs) = claims("Kim ngạch xuất khẩu đạt 12 tỷ USD, tăng 32,8% so với cùng kỳ.");
    let c = find(&d, &cs, "32,8%");
    assert_eq!(c.kind, Kind::Percent);
    assert!(close(number(c), 32.8));
    assert_eq!(c.role, Role::Increment);
    assert_eq!(
        c.subject,
        find(&d, &cs, "12 tỷ USD").subject,
        "a change is of the figure before it"
    );
    assert_claim(
        "Tỷ lệ này giảm 42,5 phần trăm.",
        "42,5 phần trăm",
        Kind::Percent,
        42.5,
        Bound::Exact,
        Some("%"),
    );
}

#[test]
fn leading_zero_counts() {
    assert_claim(
        "Sau 03 năm triển khai, kết quả rõ rệt.",
        "03 năm",
        Kind::Duration,
        3.0,
        Bound::Exact,
        Some("năm"),
    );
    assert_claim(
        "Đề án đặt ra 04 mục tiêu.",
        "04 mục tiêu",
        Kind::Count,
        4.0,
        Bound::Exact,
        Some("mục tiêu"),
    );
}

#[test]
fn currencies_in_words() {
    assert_claim(
        "Kiều hối ước đạt 400 tỉ đô la Mỹ trong nhiều năm.",
        "ước đạt 400 tỉ đô la Mỹ",
        Kind::Money,
        4.0e11,
        Bound::Approx,
        Some("USD"),
    );
    assert_claim(
        "Ngân sách chi 1,7 triệu tỷ đồng cho đầu tư.",
        "1,7 triệu tỷ đồng",
        Kind::Money,
        1.7e15,
        Bound::Exact,
        Some("VND"),
    );
}

#[test]
fn number_words() {
    assert_claim(
        "Nền ngoại giao có ba trụ cột.",
        "ba trụ cột",
        Kind::Count,
        3.0,
        Bound::Exact,
        Some("trụ cột"),
    );
    assert_claim(
        "Đoàn đã thăm hai mươi mốt quốc gia.",
        "hai mươi mốt quốc gia",
        Kind::Count,
        21.0,
        Bound::Exact,
        Some("quốc gia"),
    );
    assert_claim(
        "Có một trăm lẻ năm đại biểu dự.",
        "một trăm lẻ năm đại biểu",
        Kind::Count,
        105.0,
        Bound::Exact,
        Some("đại biểu"),
    );
    assert_claim(
        "Cộng đồng có hai triệu rưỡi người.",
        "hai triệu rưỡi người",
        Kind::Count,
        2.5e6,
        Bound::Exact,
        Some("người"),
    );
    assert_claim(
        "Sau hai năm thực hiện nghị quyết.",
        "hai năm",
        Kind::Duration,
        2.0,
        Bound::Exact,
        Some("năm"),
    );
}

#[test]
fn vague_amounts_are_lower_bounds() {
    let (d, cs) = claims("Lãnh đạo đã có hàng trăm cuộc tiếp xúc song phương.");
    let c = find(&d, &cs, "hàng trăm cuộc tiếp xúc");
    assert_eq!(c.bound, Bound::AtLeast);
    assert_eq!(c.interval.low, Some(100.0));
    assert_eq!(c.interval.high, None);
    let (d, cs) = claims("Đã bảo hộ hàng nghìn công dân.");
    assert_eq!(
        find(&d, &cs, "hàng nghìn công dân").interval.low,
        Some(1000.0)
    );
}

#[test]
fn hedges_widen_the_interval() {
    let (d, cs) = claims("Năm qua có gần 200 hoạt động đối ngoại và hơn 40 chuyến thăm.");
    let near = find(&d, &cs, "gần 200 hoạt động đối ngoại");
    assert_eq!(near.bound, Bound::Approx);
    assert!(near.interval.high.expect("high") <= 200.0);
    assert!(near.interval.low.expect("low") < 200.0);
    let more = find(&d, &cs, "hơn 40 chuyến thăm");
    assert_eq!(more.bound, Bound::MoreThan);
    assert_eq!(more.interval.low, Some(40.0));
    assert_eq!(more.interval.high, None);
    let (d, cs) = claims(
        "Có khoảng 50 doanh nghiệp tham gia, dưới 10 đơn vị vắng mặt, ít nhất 3 bộ chủ trì.",
    );
    let about = find(&d, &cs, "khoảng 50 doanh nghiệp");
    assert_eq!(about.bound, Bound::Approx);
    assert!(about.interval.low.expect("low") < 50.0 && about.interval.high.expect("high") > 50.0);
    assert_eq!(find(&d, &cs, "dưới 10 đơn vị").bound, Bound::LessThan);
    assert_eq!(find(&d, &cs, "ít nhất 3 bộ").bound, Bound::AtLeast);
}

#[test]
fn change_from_to_gives_previous_and_total() {
    let (d, cs) =
        claims("Trong 10 năm qua, đầu tư toàn cầu giảm từ 1.700 tỷ USD xuống còn 1.300 tỷ USD.");
    assert_eq!(find(&d, &cs, "1.700 tỷ USD").role, Role::Previous);
    assert_eq!(find(&d, &cs, "1.300 tỷ USD").role, Role::Total);
}

#[test]
fn additions_to_a_total() {
    let (d, cs) = claims("Năm 2025 có thêm 7 danh hiệu, đưa tổng số danh hiệu UNESCO lên 77.");
    assert_eq!(find(&d, &cs, "7 danh hiệu").role, Role::Increment);
    let total = find(&d, &cs, "77");
    assert_eq!(total.role, Role::Total);
    assert!(
        total.subject.contains("danh hiệu UNESCO"),
        "{}",
        total.subject
    );
    assert_eq!(total.time.map(|t| t.iso()), Some("2025".to_string()));
}

#[test]
fn a_bare_total_after_a_name_is_still_read() {
    let (d, cs) = claims("Tổng số danh hiệu UNESCO của Việt Nam lên 77.");
    assert_eq!(number(find(&d, &cs, "77")), 77.0);
}

#[test]
fn day_and_month_are_a_date_not_a_fraction() {
    let (d, cs) = claims("Lễ kỷ niệm diễn ra sáng 28/10 tại thủ đô; 6/7 cơ chế đã họp.");
    assert_eq!(iso(find(&d, &cs, "28/10")), "--10-28");
    assert_eq!(find(&d, &cs, "6/7 cơ chế").kind, Kind::Fraction);
}

#[test]
fn ratio_part_of_whole_and_rank() {
    let (d, cs) = claims("Thương mại tăng gấp 2,5 lần so với năm 2024.");
    let r = find(&d, &cs, "2,5 lần");
    assert_eq!(r.kind, Kind::Ratio);
    assert!(close(number(r), 2.5));
    let (d, cs) = claims("Đã có 42/63 tỉnh ban hành kế hoạch; 6 trong 7 cơ chế được kích hoạt.");
    let f = find(&d, &cs, "42/63 tỉnh");
    assert_eq!(
        (f.kind, number(f), f.whole),
        (Kind::Fraction, 42.0, Some(63.0))
    );
    let g = find(&d, &cs, "6 trong 7 cơ chế");
    assert_eq!((g.kind, g.whole), (Kind::Fraction, Some(7.0)));
    let (d, cs) =
        claims("Việt Nam đứng thứ 3 trong ASEAN và đứng vị trí 45 trên tổng số 120 nước.");
    let r = find(&d, &cs, "đứng thứ 3");
    assert_eq!((r.kind, number(r)), (Kind::Rank, 3.0));
    let r = find(&d, &cs, "vị trí 45 trên tổng số 120 nước");
    assert_eq!((r.kind, r.whole), (Kind::Rank, Some(120.0)));
}

#[test]
fn dates_and_periods() {
    let cases = [
        (
            "Chuyến thăm diễn ra ngày 12-13/12/2023.",
            "ngày 12-13/12/2023",
            "2023-12-12/2023-12-13",
        ),
        (
            "Hội nghị họp từ 30/10-01/11/2022 tại Hà Nội.",
            "30/10-01/11/2022",
            "2022-10-30/2022-11-01",
        ),
        (
            "Nghị quyết ban hành ngày 9/1/2023.",
            "ngày 9/1/2023",
            "2023-01-09",
        ),
        ("Kỷ niệm lần này vào 12-8-2021.", "12-8-2021", "2021-08-12"),
        (
            "Đến tháng 7/2023, công việc hoàn tất.",
            "tháng 7/2023",
            "2023-07",
        ),
        (
            "Số liệu quý I/2026 cho thấy xu hướng tốt.",
            "quý I/2026",
            "2026-Q1",
        ),
        (
            "Văn bản ký ngày 05 tháng 01 năm 2022.",
            "ngày 05 tháng 01 năm 2022",
            "2022-01-05",
        ),
        (
            "Kế hoạch cho giai đoạn 2024-2026 đã được duyệt.",
            "2024-2026",
            "2024/2026",
        ),
        (
            "Trong năm 2023, tình hình có nhiều biến động.",
            "năm 2023",
            "2023",
        ),
    ];
    for (text, claim, want) in cases {
        let (d, cs) = claims(text);
        let c = find(&d, &cs, claim);
        assert_eq!(c.kind, Kind::Date, "{text}");
        assert_eq!(iso(c), want, "{text}");
    }
}

#[test]
fn time_scope_comes_from_the_sentence() {
    let (d, cs) = claims("Năm 2023, kim ngạch thương mại đạt 700 tỷ USD.");
    assert_eq!(
        find(&d, &cs, "700 tỷ USD").time.map(|t| t.iso()),
        Some("2023".into())
    );
    let (d, cs) = claims("Tính đến hết năm 2024, nước ta có 30 đối tác chiến lược.");
    assert_eq!(
        find(&d, &cs, "30 đối tác chiến lược").time.map(|t| t.iso()),
        Some("2024-12-31".into())
    );
}

#[test]
fn time_scope_counts_back_from_the_document_date() {
    let text =
        "---\ndate: 2024-01-10\n---\nTrong 3 năm qua, ta đã tổ chức 50 chuyến thăm cấp cao.\n";
    let (d, cs) = claims(text);
    assert_eq!(
        find(&d, &cs, "50 chuyến thăm cấp cao")
            .time
            .map(|t| t.iso()),
        Some("2021/2023".into())
    );
}

#[test]
fn time_scope_falls_back_to_section_then_document() {
    let text = "---\ndate: 2024-02-01\n---\n## Kết quả năm 2023\n\nTa đã ký 20 văn kiện hợp tác.\n";
    let (d, cs) = claims(text);
    assert_eq!(
        find(&d, &cs, "20 văn kiện hợp tác").time.map(|t| t.iso()),
        Some("2023".into())
    );
    let text = "---\ndate: 2024-02-01\n---\nTa đã ký 20 văn kiện hợp tác.\n";
    let (d, cs) = claims(text);
    assert_eq!(
        find(&d, &cs, "20 văn kiện hợp tác").time.map(|t| t.iso()),
        Some("2024-02-01".into())
    );
}

#[test]
fn targets_and_forecasts_are_not_totals() {
    let (d, cs) = claims("Mục tiêu đến năm 2030 có 60 danh hiệu được công nhận.");
    assert_eq!(find(&d, &cs, "60 danh hiệu").role, Role::Target);
    let (d, cs) = claims("Các tổ chức dự báo tăng trưởng đạt 6,5%.");
    assert_eq!(find(&d, &cs, "6,5%").role, Role::Forecast);
}

#[test]
fn comparison_base() {
    let (d, cs) = claims("Thương mại toàn cầu tăng 1,7%, thấp hơn so với mức 2,3% năm 2022.");
    assert_eq!(find(&d, &cs, "2,3%").role, Role::Base);
}

#[test]
fn emphasis_does_not_break_a_figure() {
    let (d, cs) = claims("Đã tổ chức *gần 200* hoạt động và **36,6** tỷ USD vốn.");
    let c = cs
        .iter()
        .find(|c| d.source[c.span.clone()].contains("200"))
        .expect("200");
    assert_eq!(c.bound, Bound::Approx);
    let m = cs.iter().find(|c| c.kind == Kind::Money).expect("money");
    assert!(close(number(m), 3.66e10));
}

#[test]
fn ranges() {
    let (d, cs) = claims("Mỗi suất ăn có giá từ 1.000 đồng đến 2.000 đồng.");
    let c = find(&d, &cs, "từ 1.000 đồng đến 2.000 đồng");
    assert_eq!(c.bound, Bound::Range);
    assert_eq!(
        (c.interval.low, c.interval.high),
        (Some(1000.0), Some(2000.0))
    );
    let (d, cs) = claims("Vốn cần 1,5-2 tỷ USD mỗi năm.");
    let c = find(&d, &cs, "1,5-2 tỷ USD");
    assert!(close(c.interval.low.expect("low"), 1.45e9));
}
