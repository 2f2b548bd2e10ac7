//! spec/claims.md §3: things with digits that are not quantities.

mod common;

use common::*;

fn assert_none(text: &str) {
    let found = claim_texts(text);
    assert!(
        found.is_empty(),
        "expected no claim in {text:?}, found {found:?}"
    );
}

#[test]
fn document_identifiers() {
    assert_none("Thực hiện Nghị quyết số 34-NQ/TW của Bộ Chính trị.");
    assert_none("Theo Quyết định 2013/QĐ-TTg của Thủ tướng.");
    assert_none("Căn cứ Nghị quyết 250/2025/QH15 của Quốc hội.");
    assert_none("Đề án 01-ĐA/TW được triển khai.");
    assert_none("Chỉ thị 12 và Nghị quyết 34 được quán triệt.");
}

#[test]
fn ordinals_editions_and_names() {
    assert_none("Hội nghị lần thứ 32 đã bế mạc.");
    assert_none("Đại biểu Quốc hội Khóa 77 phát biểu.");
    assert_none("Ta tham dự COP26 và COP 28 cùng G20, G77 và P4G.");
    assert_none("Đại dịch COVID-19 và Covid-19 gây khó khăn.");
    assert_none("Cách mạng công nghiệp 4.0 mở ra cơ hội.");
    assert_none("Bệnh viện 108 tiếp nhận bệnh nhân.");
    assert_none("Phát biểu tại Hội nghị Ngoại giao 32.");
}

#[test]
fn idioms() {
    assert_none("Mục tiêu tăng trưởng 2 con số.");
    assert_none("Đây là một trong những điểm sáng.");
}

#[test]
fn section_numbers_times_and_files() {
    assert_none("2.1.4. Về hợp tác kinh tế");
    assert_none("3.1: Bối cảnh quốc tế");
    assert_none("Cập nhật lúc 01:26:54 hôm qua.");
    assert_none("Ảnh: DN 92241.jpg");
    assert_none("Xem https://example.vn/2023/12/bai-viet-5.html để biết thêm.");
}

#[test]
fn footnote_markers() {
    assert_none("Cạnh tranh nước lớn gia tăng<sup>1</sup>.");
}
