"""Generated Vietnamese essays and author names for the demo contests.

Deterministic for a given ``random.Random``. Sentences are assembled from many
interchangeable parts, so that two generated essays share only short stock
phrases (similarity far below the 0.5 threshold) and only the planted copies
come out as near-duplicates.
"""

import random

FAMILY = [
    "Nguyễn",
    "Nguyễn",
    "Nguyễn",
    "Trần",
    "Trần",
    "Lê",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Lương",
    "Đào",
    "Mai",
    "Cao",
    "Tạ",
    "Kiều",
    "Chu",
    "Khúc",
]
MIDDLE_MALE = [
    "Văn",
    "Văn",
    "Hữu",
    "Đức",
    "Minh",
    "Quang",
    "Xuân",
    "Ngọc",
    "Thanh",
    "Công",
    "Mạnh",
    "Trọng",
    "Quốc",
    "Duy",
]
MIDDLE_FEMALE = [
    "Thị",
    "Thị",
    "Thị",
    "Thu",
    "Ngọc",
    "Thanh",
    "Minh",
    "Hồng",
    "Phương",
    "Kim",
    "Diệu",
    "Bích",
]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Giang",
    "Hải",
    "Hiếu",
    "Hùng",
    "Huy",
    "Khánh",
    "Khoa",
    "Kiên",
    "Long",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quân",
    "Sơn",
    "Tài",
    "Thắng",
    "Thành",
    "Toàn",
    "Trung",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
]
GIVEN_FEMALE = [
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hồng",
    "Hương",
    "Huyền",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Tâm",
    "Thảo",
    "Thu",
    "Thủy",
    "Trang",
    "Vân",
    "Yến",
]

OPENERS = [
    "Trong bối cảnh hiện nay",
    "Thời gian qua",
    "Thực tiễn ở cơ sở cho thấy",
    "Từ kinh nghiệm của bản thân",
    "Qua nhiều năm sinh hoạt ở chi bộ",
    "Nhìn lại chặng đường đã qua",
    "Trước những diễn biến phức tạp trên không gian mạng",
    "Trong công tác tuyên truyền",
    "Mỗi khi có sự kiện chính trị quan trọng",
    "Ngay từ khi Nghị quyết được ban hành",
    "Có thể khẳng định",
    "Cũng phải thẳng thắn nhìn nhận",
    "Ở khu dân cư nơi tôi sinh sống",
    "Không chỉ trong các cuộc họp",
]
SUBJECTS = [
    "cán bộ, đảng viên",
    "đoàn viên thanh niên",
    "các tổ dân phố",
    "chi bộ khu dân cư",
    "Mặt trận Tổ quốc và các đoàn thể",
    "đội ngũ báo cáo viên",
    "người dân trên địa bàn",
    "các cựu chiến binh",
    "hội viên phụ nữ",
    "lực lượng cộng tác viên dư luận xã hội",
    "những người làm công tác tuyên giáo",
    "các thầy cô giáo",
    "thế hệ trẻ",
    "người cao tuổi",
]
STANCES = [
    "đã chủ động",
    "cần tiếp tục",
    "từng bước",
    "kiên trì",
    "luôn ý thức",
    "phải thường xuyên",
    "đã biết cách",
    "ngày càng tích cực",
    "không ngừng",
    "cùng nhau",
]
ACTIONS = [
    "tuyên truyền về",
    "lan tỏa",
    "đấu tranh, phản bác",
    "nêu gương trong việc giữ gìn",
    "học tập và làm theo",
    "bảo vệ",
    "làm rõ",
    "nhận diện",
    "chia sẻ những câu chuyện về",
    "vận dụng sáng tạo",
    "góp ý xây dựng",
    "giữ vững",
]
OBJECTS = [
    "nền tảng tư tưởng của Đảng",
    "chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh",
    "các quan điểm sai trái, thù địch",
    "những thông tin xấu độc trên mạng xã hội",
    "gương người tốt, việc tốt",
    "thành tựu của công cuộc đổi mới",
    "đường lối của Đảng, chính sách của Nhà nước",
    "những luận điệu xuyên tạc lịch sử",
    "các mô hình hay ở khu phố",
    "niềm tin vào con đường đã chọn",
    "truyền thống cách mạng của quê hương",
    "bản lĩnh chính trị của người đảng viên",
    "kết quả xây dựng chính quyền đô thị",
    "những việc làm thiết thực vì cộng đồng",
]
ENDINGS = [
    "góp phần củng cố niềm tin của nhân dân",
    "tạo sự đồng thuận trong xã hội",
    "để mỗi người dân hiểu đúng, làm đúng",
    "qua đó giữ vững trận địa tư tưởng ở cơ sở",
    "bằng những việc làm cụ thể hằng ngày",
    "với tinh thần trách nhiệm cao",
    "ngay từ chi bộ, từ tổ dân phố",
    "một cách thuyết phục và có lý lẽ",
    "thông qua các buổi sinh hoạt chuyên đề",
    "trên các trang mạng xã hội của đơn vị",
    "từ những điều giản dị nhất",
    "mà không cần những lời hô hào",
]
FACTS = [
    "Năm {year}, chi bộ tổ chức {n} buổi sinh hoạt chuyên đề với gần {m} lượt người tham dự.",
    "Chỉ trong {n} tháng, nhóm zalo của tổ dân phố đã chia sẻ {m} tin bài chính thống.",
    "Có {n} đảng viên cao tuổi nhận đỡ đầu {m} gia đình khó khăn trong khu dân cư.",
    "Đến cuối năm {year}, {n} trên {m} hộ gia đình đã đăng ký thực hiện nếp sống văn minh.",
    "Buổi nói chuyện thời sự tháng {n} thu hút {m} người, đông nhất từ trước tới nay.",
    "Ban công tác Mặt trận đã vận động được {m} triệu đồng cho {n} công trình dân sinh.",
]
TITLES = [
    "Giữ vững trận địa tư tưởng từ cơ sở",
    "Niềm tin từ những việc làm giản dị",
    "Không để cái sai lấn át cái đúng",
    "Mỗi đảng viên là một chiến sĩ trên mặt trận tư tưởng",
    "Bảo vệ nền tảng tư tưởng của Đảng trong thời đại số",
    "Sức mạnh của sự thật",
    "Từ tổ dân phố nhìn về những luận điệu xuyên tạc",
    "Lòng dân – thành trì vững chắc nhất",
    "Đấu tranh phản bác bằng lý lẽ và tình người",
    "Khi người cao tuổi lên mạng xã hội",
    "Ngọn lửa truyền thống ở khu phố cũ",
    "Tuổi trẻ với trách nhiệm bảo vệ Đảng",
    "Sự thật không thể xuyên tạc",
    "Xây và chống – hai nhiệm vụ không tách rời",
    "Câu chuyện từ một buổi sinh hoạt chi bộ",
]
CATEGORIES = ["Bài chính luận", "Bài phản bác"]
# Short words dropped between the others: without them every essay would share the
# stock phrases above five syllables at a time, and look a little like every other.
FILLERS = [
    "thực sự",
    "luôn",
    "đều",
    "cũng",
    "rất",
    "ngày càng",
    "vẫn",
    "nhất là",
    "quả thật",
    "hơn nữa",
    "dần dần",
    "thật",
    "càng",
    "ngay",
    "chính",
    "đặc biệt",
    "hết sức",
    "thêm",
    "liên tục",
    "rõ ràng",
    "mạnh mẽ",
    "bền bỉ",
    "thường xuyên",
]


def person_name(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_FEMALE)} {rng.choice(GIVEN_FEMALE)}"
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}"


def title(rng: random.Random, number: int) -> str:
    base = TITLES[number % len(TITLES)]
    return base if number < len(TITLES) else f"{base} ({rng.choice(SUBJECTS)})"


def sentence(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return rng.choice(FACTS).format(
            year=rng.randint(2019, 2023), n=rng.randint(2, 30), m=rng.randint(40, 900)
        )
    parts = [
        rng.choice(OPENERS) + ",",
        rng.choice(SUBJECTS),
        rng.choice(STANCES),
        rng.choice(ACTIONS),
        rng.choice(OBJECTS) + ",",
        rng.choice(ENDINGS),
    ]
    words = []
    for part in parts:
        words.append(part)
        if rng.random() < 0.5:
            words.append(rng.choice(FILLERS))
    text = " ".join(words).rstrip(",") + "."
    return text[0].upper() + text[1:]


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def essay(rng: random.Random, *, authors: list[str], unit_name: str, paragraphs: int = 5) -> str:
    """An essay of a few hundred words; about half name their authors, as real ones do."""
    body = [paragraph(rng) for _ in range(paragraphs)]
    if rng.random() < 0.5:
        body.insert(0, f"Tác giả: {'; '.join(authors)} – {unit_name}")
    if rng.random() < 0.4:
        body.append(f"Người viết: {authors[0]}")
    return "\n\n".join(body)


def near_copy(rng: random.Random, original: str, *, authors: list[str], rewrite: float) -> str:
    """A copy with some sentences rewritten and the paragraphs partly reordered."""
    paragraphs = [
        p for p in original.split("\n\n") if not p.startswith(("Tác giả:", "Người viết:"))
    ]
    changed = []
    for text in paragraphs:
        sentences = text.split(". ")
        changed.append(
            ". ".join(sentence(rng).rstrip(".") if rng.random() < rewrite else s for s in sentences)
        )
    if len(changed) > 3:
        changed[1], changed[2] = changed[2], changed[1]
    return "\n\n".join([f"Tác giả: {'; '.join(authors)}", *changed])
