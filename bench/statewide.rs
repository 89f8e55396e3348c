//! Statewide load benchmark: `cargo bench --bench statewide` (see bench/README.md).
//!
//! 1. Generates California-shaped synthetic VoteCal extracts into `bench/data/`
//!    (deterministic, streamed to disk; reused between runs, see `BENCH_REGEN`).
//! 2. Loads the voter extract into sqlite3 the fastest way the sqlite3 shell offers,
//!    as the baseline.
//! 3. Drives the real `ballot-tracker` binary as a child process: creates the
//!    election, imports the voter extract (twice: the second load is the
//!    idempotent "unchanged" path) and the ballot status extract.
//! 4. Prints a table and writes `bench/RESULTS.md` (for a run at another scale than
//!    1: `bench/data/RESULTS-scale-<s>.md`, so that smoke runs do not overwrite
//!    the committed statewide results; `BENCH_RESULTS=path` overrides).
//!
//! Peak RSS of every child is taken from `wait4`'s `ru_maxrss`.
//!
//! Environment: `BENCH_SCALE` (default 1.0), `BENCH_REGEN=1`, `BENCH_SKIP_SQLITE=1`,
//! `BENCH_SKIP_BT=1`, `BENCH_STEP_TIMEOUT_SECS` (default 7200), `BENCH_RESULTS`.

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Bump when the generated data changes, so that old files are not reused.
const GEN_VERSION: u32 = 1;
const SEED: u64 = 0x00BA_1107_CA20_2611;
const ELECTION: &str = "2026-11-03-GEN";

/// (code, name, approximate registered voters), from `shared/spec/counties.csv`.
const COUNTIES: [(&str, &str, u32); 58] = [
    ("01", "Alameda", 990000),
    ("02", "Alpine", 950),
    ("03", "Amador", 28000),
    ("04", "Butte", 130000),
    ("05", "Calaveras", 36000),
    ("06", "Colusa", 10500),
    ("07", "Contra Costa", 740000),
    ("08", "Del Norte", 14500),
    ("09", "El Dorado", 150000),
    ("10", "Fresno", 500000),
    ("11", "Glenn", 14000),
    ("12", "Humboldt", 90000),
    ("13", "Imperial", 90000),
    ("14", "Inyo", 11500),
    ("15", "Kern", 450000),
    ("16", "Kings", 60000),
    ("17", "Lake", 40000),
    ("18", "Lassen", 15000),
    ("19", "Los Angeles", 5700000),
    ("20", "Madera", 70000),
    ("21", "Marin", 180000),
    ("22", "Mariposa", 12500),
    ("23", "Mendocino", 55000),
    ("24", "Merced", 120000),
    ("25", "Modoc", 5500),
    ("26", "Mono", 8500),
    ("27", "Monterey", 200000),
    ("28", "Napa", 90000),
    ("29", "Nevada", 80000),
    ("30", "Orange", 1850000),
    ("31", "Placer", 290000),
    ("32", "Plumas", 13500),
    ("33", "Riverside", 1350000),
    ("34", "Sacramento", 900000),
    ("35", "San Benito", 38000),
    ("36", "San Bernardino", 1200000),
    ("37", "San Diego", 1950000),
    ("38", "San Francisco", 520000),
    ("39", "San Joaquin", 400000),
    ("40", "San Luis Obispo", 190000),
    ("41", "San Mateo", 450000),
    ("42", "Santa Barbara", 250000),
    ("43", "Santa Clara", 1000000),
    ("44", "Santa Cruz", 170000),
    ("45", "Shasta", 120000),
    ("46", "Sierra", 2400),
    ("47", "Siskiyou", 30000),
    ("48", "Solano", 280000),
    ("49", "Sonoma", 330000),
    ("50", "Stanislaus", 300000),
    ("51", "Sutter", 52000),
    ("52", "Tehama", 40000),
    ("53", "Trinity", 8500),
    ("54", "Tulare", 220000),
    ("55", "Tuolumne", 40000),
    ("56", "Ventura", 500000),
    ("57", "Yolo", 120000),
    ("58", "Yuba", 42000),
];

/// First names, roughly in order of frequency in a California roll (the pick is
/// skewed toward the front of the list). Also used for middle names.
#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Maria", "Jose", "Michael", "David", "Jennifer", "Juan", "Robert", "John", "James", "Daniel",
    "Elizabeth", "Jessica", "Luis", "Carlos", "Christopher", "Linda", "Patricia", "Mary", "Jesus",
    "Richard", "Susan", "Karen", "Miguel", "William", "Francisco", "Anthony", "Ana", "Sarah", "Joseph",
    "Thomas", "Rosa", "Veronica", "Antonio", "Jorge", "Wei", "Nancy", "Lisa", "Michelle", "Kevin",
    "Alejandro", "Andrew", "Matthew", "Brian", "Ricardo", "Manuel", "Guadalupe", "Laura", "Angela",
    "Roberto", "Fernando", "Javier", "Sergio", "Eduardo", "Steven", "Eric", "Jason", "Ryan", "Mark",
    "Paul", "Kimberly", "Amanda", "Stephanie", "Melissa", "Nicole", "Emily", "Ashley", "Gabriela",
    "Adriana", "Alejandra", "Monica", "Claudia", "Yesenia", "Araceli", "Leticia", "Carmen", "Juana",
    "Raul", "Mario", "Arturo", "Ruben", "Pedro", "Rafael", "Oscar", "Hector", "Alfredo", "Minh",
    "Thanh", "Linh", "Tuan", "Anh", "Duc", "Phuong", "Huong", "Trang", "Quang", "Hoa", "Lan",
    "Jing", "Li", "Ming", "Hui", "Xin", "Yan", "Mei", "Hao", "Jun", "Tao", "Lei", "Yu", "Min-jun",
    "Seo-yeon", "Ji-hoon", "Hyun", "Sung", "Young", "Eun-ji", "Hiroshi", "Takeshi", "Yuki", "Akiko",
    "Kenji", "Haruto", "Sakura", "Priya", "Raj", "Amit", "Anil", "Sanjay", "Sunita", "Deepak", "Ravi",
    "Anjali", "Pooja", "Vikram", "Arjun", "Neha", "Rahul", "Harpreet", "Gurpreet", "Manpreet",
    "Sokha", "Vanna", "Dara", "Chantha", "Bopha", "Somchai", "Niran", "Malee", "Siriporn", "Armen",
    "Ani", "Narek", "Arpi", "Hovik", "Mohammed", "Ahmed", "Fatima", "Omar", "Ali", "Reza", "Leila",
    "Dariush", "Shirin", "DeShawn", "Jamal", "Tyrone", "Keisha", "Latoya", "Aaliyah", "Imani", "Malik",
    "Darnell", "Rowena", "Marites", "Jericho", "Analyn", "Jomar", "Ligaya", "Lucia", "Sofia",
    "Valeria", "Ximena", "Daniela", "Mariana", "Fernanda", "Camila", "Diego", "Mateo", "Santiago",
    "Emiliano", "Joaquín", "Andrés", "José", "Inés", "Ramón", "Martín", "Sebastián", "Raúl", "Zoë",
    "Charles", "Matthew", "Donald", "George", "Timothy", "Ronald", "Edward", "Jeffrey", "Jacob",
    "Gary", "Nicholas", "Jonathan", "Stephen", "Larry", "Justin", "Scott", "Brandon", "Benjamin",
    "Samuel", "Gregory", "Alexander", "Frank", "Patrick", "Raymond", "Jack", "Dennis", "Jerry",
    "Tyler", "Aaron", "Henry", "Adam", "Douglas", "Nathan", "Peter", "Zachary", "Kyle", "Walter",
    "Ethan", "Jeremy", "Harold", "Keith", "Christian", "Roger", "Noah", "Gerald", "Carl", "Terry",
    "Sean", "Austin", "Arthur", "Lawrence", "Jesse", "Dylan", "Bryan", "Jordan", "Bruce", "Albert",
    "Gabriel", "Logan", "Alan", "Barbara", "Betty", "Margaret", "Sandra", "Donna", "Carol",
    "Dorothy", "Deborah", "Rebecca", "Sharon", "Cynthia", "Kathleen", "Amy", "Shirley", "Anna",
    "Brenda", "Pamela", "Emma", "Helen", "Samantha", "Katherine", "Christine", "Debra", "Rachel",
    "Carolyn", "Janet", "Catherine", "Heather", "Diane", "Ruth", "Julie", "Olivia", "Joyce",
    "Virginia", "Victoria", "Kelly", "Lauren", "Christina", "Joan", "Evelyn", "Judith", "Megan",
    "Andrea", "Cheryl", "Hannah", "Jacqueline", "Martha", "Madison", "Teresa", "Gloria", "Sara",
    "Janice", "Ann", "Kathryn", "Abigail", "Sophia", "Frances", "Jean", "Alice", "Judy", "Isabella",
    "Julia", "Grace", "Amber", "Denise", "Danielle", "Marilyn", "Beverly", "Charlotte", "Natalie",
    "Theresa", "Diana", "Brittany", "Doris", "Kayla", "Alexis", "Lori", "Marie", "Mae", "Lynn",
];

/// Last names, roughly in order of frequency in a California roll.
#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Garcia", "Hernandez", "Lopez", "Martinez", "Rodriguez", "Gonzalez", "Smith", "Nguyen", "Perez",
    "Sanchez", "Johnson", "Ramirez", "Kim", "Lee", "Williams", "Torres", "Flores", "Brown", "Rivera",
    "Gomez", "Diaz", "Jones", "Tran", "Chen", "Wong", "Cruz", "Morales", "Reyes", "Miller", "Davis",
    "Gutierrez", "Ortiz", "Chavez", "Ramos", "Ruiz", "Alvarez", "Mendoza", "Castillo", "Jimenez",
    "Vasquez", "Moreno", "Romero", "Herrera", "Medina", "Aguilar", "Vargas", "Guzman", "Mendez",
    "Salazar", "Soto", "Delgado", "Peña", "Rios", "Alvarado", "Sandoval", "Contreras", "Valdez",
    "Guerrero", "Ortega", "Estrada", "Núñez", "Maldonado", "Vega", "Dominguez", "Cervantes",
    "Rosales", "Figueroa", "Campos", "Lara", "Ibarra", "Avila", "Juarez", "Navarro", "Espinoza",
    "Santiago", "Molina", "Cortez", "Acosta", "Fuentes", "Velasquez", "Orozco", "Pacheco", "Zamora",
    "Rojas", "Luna", "Marquez", "Muñoz", "De La Cruz", "De Leon", "Del Rio", "Wilson", "Anderson",
    "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark", "Lewis",
    "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams",
    "Nelson", "Baker", "Hall", "Campbell", "Mitchell", "Carter", "Roberts", "Phillips", "Evans",
    "Turner", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook", "Rogers",
    "Morgan", "Cooper", "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Cox", "Ward", "Richardson",
    "Watson", "Brooks", "Wood", "James", "Bennett", "Gray", "Hughes", "Price", "Sanders", "Myers",
    "Long", "Ross", "Foster", "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Bell", "Coleman",
    "Butler", "Henderson", "Barnes", "Fisher", "Graham", "Hamilton", "Wallace", "Cole", "West",
    "Jordan", "Owens", "Reynolds", "Ellis", "Harrison", "Gibson", "McDonald", "Marshall", "Olson",
    "O'Brien", "O'Connor", "Schmidt", "Mueller", "Hansen", "Larson", "Smith-Garcia", "Lopez-Nguyen",
    "Le", "Pham", "Huynh", "Hoang", "Phan", "Vu", "Vo", "Dang", "Bui", "Do", "Ho", "Ngo", "Duong",
    "Ly", "Wang", "Li", "Zhang", "Liu", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma",
    "Zhu", "Hu", "Guo", "Lin", "He", "Gao", "Luo", "Zheng", "Liang", "Chan", "Cheung", "Leung", "Lam",
    "Chow", "Kwan", "Yee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han",
    "Shin", "Tanaka", "Suzuki", "Takahashi", "Watanabe", "Yamamoto", "Nakamura", "Kobayashi", "Sato",
    "Ito", "Kato", "Yoshida", "Yamada", "Sasaki", "Santos", "Bautista", "Villanueva", "Dela Cruz",
    "Castro", "Aquino", "Pascual", "Manalo", "Dizon", "Soriano", "Patel", "Singh", "Kaur", "Shah",
    "Sharma", "Gupta", "Kumar", "Reddy", "Rao", "Mehta", "Desai", "Chopra", "Gill", "Sandhu",
    "Dhillon", "Grewal", "Sidhu", "Petrosyan", "Hakobyan", "Sargsyan", "Grigoryan", "Avetisyan",
    "Karapetyan", "Khachatryan", "Harutyunyan", "Mkrtchyan", "Hovhannisyan", "Hosseini", "Ahmadi",
    "Rahimi", "Mohammadi", "Khan", "Ali", "Hassan", "Haddad", "Nasser", "Sok", "Chea", "Chhim", "Keo",
    "Meas", "Prak", "Saetang", "Srisai", "Wongsakul", "Cohen", "Levy", "Goldberg", "Rossi", "Russo",
    "Bianchi", "Ferrari", "Silva", "Costa", "Pereira", "Oliveira", "Novak", "Ivanov", "Petrov",
    "Kowalski", "Washington", "Jefferson", "Banks", "Freeman", "Warren", "Fox", "Stone", "Hunt",
];

const SUFFIXES: &[&str] = &["JR", "SR", "II", "III", "IV"];

/// Language preference of the 30% of voters who have one, in per mille.
const LANGUAGES: &[(u32, &str)] = &[
    (420, "es"),
    (130, "zh"),
    (100, "vi"),
    (80, "ko"),
    (80, "tl"),
    (60, "en"),
    (40, "hi"),
    (30, "ja"),
    (30, "km"),
    (30, "th"),
];

/// The status that follows `ISSUED` for a voter who has a second row, in per mille.
/// `REISSUE` stands for a second `ISSUED` ballot (ballot_seq 2).
const SECOND_STATUS: &[(u32, &str)] = &[
    (560, "INR"),
    (330, "ACCEPTED"),
    (30, "NMS"),
    (25, "NVS"),
    (20, "REISSUE"),
    (8, "VAV"),
    (8, "UND"),
    (3, "BME"),
    (3, "MIA"),
    (2, "MRE"),
    (3, "NOT"),
    (2, "INF"),
    (2, "NID"),
    (2, "OTH"),
    (1, "CLD"),
    (1, "VDD"),
];

const VOTERS_HEADER: &str = "votecal_id,county_code,first_name,middle_name,last_name,name_suffix,dob,zip,status,language,updated_at\n";
const BALLOTS_HEADER: &str =
    "votecal_id,county_code,election_code,ballot_seq,status_code,reason_codes,status_at\n";

// ---------------------------------------------------------------------------
// Randomness

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xorshift64*: small and fast; plenty for synthetic data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(splitmix64(seed) | 1)
    }
    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }
    /// In `0..n`, skewed toward 0 (the smaller of two draws): for pools in order of frequency.
    fn skewed(&mut self, n: u64) -> u64 {
        self.below(n).min(self.below(n))
    }
    fn per_mille(&mut self) -> u32 {
        self.below(1000) as u32
    }
    fn pick<'a>(&mut self, pool: &[&'a str]) -> &'a str {
        pool[self.below(pool.len() as u64) as usize]
    }
    fn pick_skewed<'a>(&mut self, pool: &[&'a str]) -> &'a str {
        pool[self.skewed(pool.len() as u64) as usize]
    }
    fn weighted<'a>(&mut self, table: &[(u32, &'a str)]) -> &'a str {
        let mut r = self.per_mille();
        for &(w, v) in table {
            if r < w {
                return v;
            }
            r -= w;
        }
        table[table.len() - 1].1
    }
}

// ---------------------------------------------------------------------------
// Voters: ids, statuses, county sizes (all functions of the row index, so the
// ballot generator can rebuild them without reading voters.csv back)

const ID_SPACE: u64 = 10_000_000_000;
/// Rounds of `x -> (a x + b) mod 10^10` (a bijection: every `a` ends in 3, 7 or 9, so is
/// coprime to 10) each followed by swapping the two 5-digit halves (a bijection too):
/// unique ids, in an order unrelated to the row order.
const ID_ROUNDS: [(u64, u64); 3] = [
    (3_141_592_653, 2_718_281_828),
    (1_618_033_987, 1_414_213_562),
    (2_236_067_977, 1_732_050_807),
];
const STATUS_SALT: u64 = 0x5747_0000_0000_0001;
const BALLOT_SALT: u64 = 0xBA11_0700_0000_0002;

fn voter_id(i: u64) -> u64 {
    let mut x = i % ID_SPACE;
    for (a, b) in ID_ROUNDS {
        x = ((u128::from(a) * u128::from(x) + u128::from(b)) % u128::from(ID_SPACE)) as u64;
        x = (x % 100_000) * 100_000 + x / 100_000;
    }
    x
}

/// 90% active, 6% inactive, 2% cancelled, 2% pending.
fn voter_status(i: u64) -> u8 {
    match splitmix64(SEED ^ STATUS_SALT ^ i) % 1000 {
        0..900 => b'A',
        900..960 => b'I',
        960..980 => b'C',
        _ => b'P',
    }
}

fn county_sizes(scale: f64) -> Vec<u64> {
    COUNTIES
        .iter()
        .map(|c| ((f64::from(c.2) * scale).round() as u64).max(1))
        .collect()
}

// ---------------------------------------------------------------------------
// Hand formatting (no `write!` in the hot loops)

fn push_num(buf: &mut Vec<u8>, mut v: u64, width: usize) {
    let mut tmp = [0u8; 20];
    let mut n = 0;
    loop {
        tmp[n] = b'0' + (v % 10) as u8;
        v /= 10;
        n += 1;
        if v == 0 {
            break;
        }
    }
    for _ in n..width {
        buf.push(b'0');
    }
    buf.extend(tmp[..n].iter().rev());
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn push_date(buf: &mut Vec<u8>, days: i64) {
    let (y, m, d) = civil_from_days(days);
    push_num(buf, y as u64, 4);
    buf.push(b'-');
    push_num(buf, m as u64, 2);
    buf.push(b'-');
    push_num(buf, d as u64, 2);
}

fn push_time(buf: &mut Vec<u8>, secs: u64) {
    push_num(buf, secs / 3600, 2);
    buf.push(b':');
    push_num(buf, secs / 60 % 60, 2);
    buf.push(b':');
    push_num(buf, secs % 60, 2);
}

// ---------------------------------------------------------------------------
// Generators

/// Writes voters.csv: rows grouped by county (as VoteCal exports them), ids scrambled.
fn generate_voters(path: &Path, scale: f64) -> io::Result<u64> {
    let tmp = path.with_extension("csv.tmp");
    let mut w = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
    w.write_all(VOTERS_HEADER.as_bytes())?;
    let mut rng = Rng::new(SEED);
    let mut line = Vec::with_capacity(256);
    let dob_lo = days_from_civil(1925, 1, 1);
    let dob_span = (days_from_civil(2008, 12, 31) - dob_lo + 1) as u64;
    let upd_lo = days_from_civil(2016, 1, 1);
    let upd_span = (days_from_civil(2026, 9, 30) - upd_lo + 1) as u64;
    let mut i = 0u64;
    for (county, n) in COUNTIES.iter().zip(county_sizes(scale)) {
        for _ in 0..n {
            line.clear();
            line.extend_from_slice(b"CA");
            push_num(&mut line, voter_id(i), 10);
            line.push(b',');
            line.extend_from_slice(county.0.as_bytes());
            line.push(b',');
            line.extend_from_slice(rng.pick_skewed(FIRST_NAMES).as_bytes());
            line.push(b',');
            if rng.per_mille() < 300 {
                line.extend_from_slice(rng.pick(FIRST_NAMES).as_bytes());
            }
            line.push(b',');
            line.extend_from_slice(rng.pick_skewed(LAST_NAMES).as_bytes());
            line.push(b',');
            if rng.per_mille() < 20 {
                line.extend_from_slice(rng.pick_skewed(SUFFIXES).as_bytes());
            }
            line.push(b',');
            push_date(&mut line, dob_lo + rng.below(dob_span) as i64);
            line.push(b',');
            push_num(&mut line, 90_001 + rng.below(96_162 - 90_001 + 1), 5);
            if rng.per_mille() < 300 {
                line.push(b'-');
                push_num(&mut line, rng.below(10_000), 4);
            }
            line.push(b',');
            line.push(voter_status(i));
            line.push(b',');
            if rng.per_mille() >= 700 {
                line.extend_from_slice(rng.weighted(LANGUAGES).as_bytes());
            }
            line.push(b',');
            push_date(&mut line, upd_lo + rng.below(upd_span) as i64);
            line.push(b'T');
            push_time(&mut line, rng.below(86_400));
            line.extend_from_slice(b"Z\n");
            w.write_all(&line)?;
            i += 1;
        }
    }
    w.flush()?;
    drop(w);
    fs::rename(&tmp, path)?;
    Ok(i)
}

/// Number of daily extracts: day 0 is 2026-10-05 (first ballots sent).
const BALLOT_DAYS: u64 = 48;
/// 2026-11-01, the first day of Pacific Standard Time, counted from day 0.
const PST_FROM_DAY: u64 = 27;

/// Day-by-day output of ballots.csv: one temporary file per day, concatenated at the
/// end, so the file is in chronological order (like daily extracts) without holding
/// any of it in memory.
struct BallotDays {
    days: Vec<BufWriter<File>>,
    day0: i64,
    line: Vec<u8>,
    rows: u64,
}

impl BallotDays {
    /// `time`: seconds into the (Pacific) day; `None` writes a bare date.
    #[allow(clippy::too_many_arguments)]
    fn emit(
        &mut self,
        day: u64,
        id: u64,
        county: &str,
        seq: u32,
        code: &str,
        reasons: &str,
        time: Option<u64>,
    ) -> io::Result<()> {
        let day = day.min(BALLOT_DAYS - 1);
        let line = &mut self.line;
        line.clear();
        line.extend_from_slice(b"CA");
        push_num(line, id, 10);
        line.push(b',');
        line.extend_from_slice(county.as_bytes());
        line.push(b',');
        line.extend_from_slice(ELECTION.as_bytes());
        line.push(b',');
        push_num(line, u64::from(seq), 1);
        line.push(b',');
        line.extend_from_slice(code.as_bytes());
        line.push(b',');
        line.extend_from_slice(reasons.as_bytes());
        line.push(b',');
        push_date(line, self.day0 + day as i64);
        if let Some(secs) = time {
            line.push(b'T');
            push_time(line, secs);
            line.extend_from_slice(if day >= PST_FROM_DAY {
                b"-08:00"
            } else {
                b"-07:00"
            });
        }
        line.push(b'\n');
        self.days[day as usize].write_all(line)?;
        self.rows += 1;
        Ok(())
    }
}

/// A time of day between 07:00 and 19:59:59 (county office hours, roughly).
fn office_time(rng: &mut Rng) -> Option<u64> {
    Some(7 * 3600 + rng.below(13 * 3600))
}

/// Writes ballots.csv: an ISSUED row for ~95% of active voters, a second row for about
/// half of them, a third for some; rows in chronological order across the file.
fn generate_ballots(data: &Path, path: &Path, scale: f64) -> io::Result<u64> {
    let tmpdir = data.join("ballots.days.tmp");
    if tmpdir.exists() {
        fs::remove_dir_all(&tmpdir)?;
    }
    fs::create_dir_all(&tmpdir)?;
    let day_path = |d: u64| tmpdir.join(format!("day-{d:02}.csv"));
    let mut out = BallotDays {
        days: (0..BALLOT_DAYS)
            .map(|d| File::create(day_path(d)).map(|f| BufWriter::with_capacity(256 << 10, f)))
            .collect::<io::Result<_>>()?,
        day0: days_from_civil(2026, 10, 5),
        line: Vec::with_capacity(128),
        rows: 0,
    };
    let mut i = 0u64;
    for (county, n) in COUNTIES.iter().zip(county_sizes(scale)) {
        let c = county.0;
        for _ in 0..n {
            let idx = i;
            i += 1;
            if voter_status(idx) != b'A' {
                continue;
            }
            let mut rng = Rng::new(SEED ^ BALLOT_SALT ^ idx);
            if rng.per_mille() >= 950 {
                continue;
            }
            let id = voter_id(idx);
            let issued = rng.below(4);
            out.emit(issued, id, c, 1, "ISSUED", "", None)?;
            if rng.per_mille() >= 540 {
                continue;
            }
            // Returns pile up toward election day (the later of two draws).
            let d1 = issued + 7 + rng.below(27).max(rng.below(27));
            let t1 = office_time(&mut rng);
            match rng.weighted(SECOND_STATUS) {
                "INR" => {
                    out.emit(d1, id, c, 1, "INR", "", t1)?;
                    if rng.per_mille() < 930 {
                        let third = match rng.per_mille() {
                            0..970 => "ACCEPTED",
                            970..985 => "NMS",
                            _ => "NVS",
                        };
                        let t2 = office_time(&mut rng);
                        out.emit(d1 + 1 + rng.below(5), id, c, 1, third, "", t2)?;
                    }
                }
                code @ ("NMS" | "NVS") => {
                    out.emit(d1, id, c, 1, code, "", t1)?;
                    if rng.per_mille() < 600 {
                        // Cured.
                        let t2 = office_time(&mut rng);
                        out.emit(d1 + 3 + rng.below(8), id, c, 1, "ACCEPTED", "", t2)?;
                    }
                }
                "REISSUE" => {
                    out.emit(d1, id, c, 2, "ISSUED", "", None)?;
                    if rng.per_mille() < 700 {
                        let t2 = office_time(&mut rng);
                        out.emit(d1 + 5 + rng.below(16), id, c, 2, "INR", "", t2)?;
                    }
                }
                "UND" => {
                    out.emit(d1, id, c, 1, "UND", "", t1)?;
                    if rng.per_mille() < 500 {
                        out.emit(d1 + 1 + rng.below(3), id, c, 2, "ISSUED", "", None)?;
                    }
                }
                "OTH" => {
                    let reasons = if rng.per_mille() < 500 {
                        "MIA|NVS"
                    } else {
                        "BME|NID"
                    };
                    out.emit(d1, id, c, 1, "OTH", reasons, t1)?;
                }
                code => out.emit(d1, id, c, 1, code, "", t1)?,
            }
        }
    }
    let rows = out.rows;
    for mut w in out.days {
        w.flush()?;
    }
    let tmp = path.with_extension("csv.tmp");
    let mut w = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
    w.write_all(BALLOTS_HEADER.as_bytes())?;
    for d in 0..BALLOT_DAYS {
        io::copy(&mut File::open(day_path(d))?, &mut w)?;
    }
    w.flush()?;
    drop(w);
    fs::rename(&tmp, path)?;
    fs::remove_dir_all(&tmpdir)?;
    Ok(rows)
}

// ---------------------------------------------------------------------------
// Data set on disk, reused between runs

struct DataSet {
    scale: f64,
    voters_path: PathBuf,
    ballots_path: PathBuf,
    voters: u64,
    ballots: u64,
    voters_bytes: u64,
    ballots_bytes: u64,
    gen_voters: Duration,
    gen_ballots: Duration,
    reused: bool,
}

fn stamp_text(d: &DataSet) -> String {
    format!(
        "gen_version={GEN_VERSION}\nseed={SEED}\nscale={}\nvoters={}\nballots={}\nvoters_bytes={}\nballots_bytes={}\ngen_voters_secs={:.3}\ngen_ballots_secs={:.3}\n",
        d.scale,
        d.voters,
        d.ballots,
        d.voters_bytes,
        d.ballots_bytes,
        d.gen_voters.as_secs_f64(),
        d.gen_ballots.as_secs_f64()
    )
}

fn read_stamp(
    stamp: &Path,
    scale: f64,
    voters_path: &Path,
    ballots_path: &Path,
) -> Option<DataSet> {
    let text = fs::read_to_string(stamp).ok()?;
    let get = |k: &str| {
        text.lines().find_map(|l| {
            l.strip_prefix(k)
                .and_then(|r| r.strip_prefix('='))
                .map(str::to_string)
        })
    };
    let num = |k: &str| get(k)?.parse::<u64>().ok();
    let secs = |k: &str| get(k)?.parse::<f64>().ok().map(Duration::from_secs_f64);
    if num("gen_version")? != u64::from(GEN_VERSION)
        || num("seed")? != SEED
        || get("scale")? != scale.to_string()
    {
        return None;
    }
    let d = DataSet {
        scale,
        voters_path: voters_path.to_path_buf(),
        ballots_path: ballots_path.to_path_buf(),
        voters: num("voters")?,
        ballots: num("ballots")?,
        voters_bytes: num("voters_bytes")?,
        ballots_bytes: num("ballots_bytes")?,
        gen_voters: secs("gen_voters_secs")?,
        gen_ballots: secs("gen_ballots_secs")?,
        reused: true,
    };
    let len = |p: &Path| fs::metadata(p).map(|m| m.len()).ok();
    (len(voters_path)? == d.voters_bytes && len(ballots_path)? == d.ballots_bytes).then_some(d)
}

fn ensure_data(data: &Path, scale: f64, regen: bool) -> io::Result<DataSet> {
    let voters_path = data.join("voters.csv");
    let ballots_path = data.join("ballots.csv");
    let stamp = data.join("stamp.txt");
    let reuse = if regen {
        None
    } else {
        read_stamp(&stamp, scale, &voters_path, &ballots_path)
    };
    if let Some(d) = reuse {
        println!(
            "data: reusing {} ({} rows) and {} ({} rows), scale {scale} (BENCH_REGEN=1 to regenerate)",
            voters_path.display(),
            d.voters,
            ballots_path.display(),
            d.ballots
        );
        return Ok(d);
    }
    let _ = fs::remove_file(&stamp);
    println!(
        "data: generating {} at scale {scale} ...",
        voters_path.display()
    );
    let t = Instant::now();
    let voters = generate_voters(&voters_path, scale)?;
    let gen_voters = t.elapsed();
    println!(
        "data: {voters} voter rows in {:.1} s",
        gen_voters.as_secs_f64()
    );
    println!("data: generating {} ...", ballots_path.display());
    let t = Instant::now();
    let ballots = generate_ballots(data, &ballots_path, scale)?;
    let gen_ballots = t.elapsed();
    println!(
        "data: {ballots} ballot rows in {:.1} s",
        gen_ballots.as_secs_f64()
    );
    let d = DataSet {
        scale,
        voters_bytes: fs::metadata(&voters_path)?.len(),
        ballots_bytes: fs::metadata(&ballots_path)?.len(),
        voters_path,
        ballots_path,
        voters,
        ballots,
        gen_voters,
        gen_ballots,
        reused: false,
    };
    fs::write(&stamp, stamp_text(&d))?;
    Ok(d)
}

// ---------------------------------------------------------------------------
// Child processes, measured with wait4

struct ChildRun {
    wall: Duration,
    max_rss_kib: u64,
    /// Exit code, or `Err(signal)`.
    exit: Result<i32, i32>,
    timed_out: bool,
    stdout: String,
    stderr_tail: String,
}

impl ChildRun {
    fn success(&self) -> bool {
        self.exit == Ok(0) && !self.timed_out
    }
    fn describe_failure(&self) -> String {
        let how = match (self.timed_out, self.exit) {
            (true, _) => "timed out (killed)".to_string(),
            (false, Ok(c)) => format!("exited with status {c}"),
            (false, Err(s)) => format!("killed by signal {s}"),
        };
        let tail = self.stderr_tail.trim();
        if tail.is_empty() {
            how
        } else {
            format!("{how}; stderr ends with:\n{tail}")
        }
    }
}

/// Runs `cmd` with stdout captured, stderr to `log`, and measures wall time and the
/// child's peak RSS (`wait4`'s `ru_maxrss`). Kills it after `timeout`.
fn run_child(
    mut cmd: Command,
    stdin: Option<File>,
    log: &Path,
    timeout: Duration,
) -> io::Result<ChildRun> {
    cmd.stdin(stdin.map_or_else(Stdio::null, Stdio::from))
        .stdout(Stdio::piped())
        .stderr(Stdio::from(File::create(log)?));
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut out = child.stdout.take().expect("stdout is piped");
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data; all-zero is a valid value.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let mut timed_out = false;
    loop {
        // SAFETY: valid pointers to locals; `pid` is our own unreaped child.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut ru) };
        if r == pid {
            break;
        }
        if r < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        let elapsed = start.elapsed();
        if elapsed > timeout && !timed_out {
            // SAFETY: the child is not reaped yet, so `pid` is still ours.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            timed_out = true;
        }
        if elapsed > timeout + Duration::from_secs(120) {
            return Err(io::Error::other(format!("child {pid} survives SIGKILL")));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let wall = start.elapsed();
    let stdout = String::from_utf8_lossy(&reader.join().unwrap_or_default()).into_owned();
    let exit = if libc::WIFEXITED(status) {
        Ok(libc::WEXITSTATUS(status))
    } else {
        Err(libc::WTERMSIG(status))
    };
    let err = fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = err.lines().collect();
    let stderr_tail = lines[lines.len().saturating_sub(15)..].join("\n");
    Ok(ChildRun {
        wall,
        max_rss_kib: ru.ru_maxrss.max(0) as u64,
        exit,
        timed_out,
        stdout,
        stderr_tail,
    })
}

// ---------------------------------------------------------------------------
// Steps

#[derive(Default)]
struct Step {
    name: String,
    rows: Option<u64>,
    wall: Option<Duration>,
    max_rss_kib: Option<u64>,
    db_bytes: Option<u64>,
    ok: bool,
    note: String,
}

impl Step {
    fn rows_per_sec(&self) -> Option<f64> {
        Some(self.rows? as f64 / self.wall?.as_secs_f64().max(1e-9))
    }
}

fn file_len(p: &Path) -> Option<u64> {
    fs::metadata(p).ok().map(|m| m.len())
}

fn sqlite_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("SQLITE3") {
        return PathBuf::from(p);
    }
    let usr = Path::new("/usr/bin/sqlite3");
    if usr.exists() {
        usr.to_path_buf()
    } else {
        PathBuf::from("sqlite3")
    }
}

/// The sqlite3 baseline: the fastest load the sqlite3 shell offers.
fn run_sqlite(data: &Path, ds: &DataSet, timeout: Duration) -> io::Result<Vec<Step>> {
    let dir = data.join("sqlite");
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    fs::create_dir_all(&dir)?;
    let db = dir.join("voters.sqlite");
    let script = dir.join("load.sql");
    fs::write(
        &script,
        format!(
            ".bail on\n\
             PRAGMA journal_mode=OFF;\n\
             PRAGMA synchronous=OFF;\n\
             CREATE TABLE voters (\n  votecal_id TEXT NOT NULL PRIMARY KEY,\n  county_code TEXT NOT NULL,\n  \
             first_name TEXT NOT NULL,\n  middle_name TEXT,\n  last_name TEXT NOT NULL,\n  name_suffix TEXT,\n  \
             dob TEXT NOT NULL,\n  zip TEXT NOT NULL,\n  status TEXT NOT NULL,\n  language TEXT,\n  updated_at TEXT\n) WITHOUT ROWID;\n\
             .import --csv --skip 1 \"{}\" voters\n\
             .timer on\n\
             CREATE INDEX voters_name ON voters (last_name, first_name, dob, zip);\n",
            ds.voters_path.display()
        ),
    )?;
    let bin = sqlite_binary();
    let mut cmd = Command::new(&bin);
    cmd.arg("-batch").arg(&db);
    println!("sqlite3: loading {} rows ...", ds.voters);
    let run = match run_child(
        cmd,
        Some(File::open(&script)?),
        &dir.join("load.stderr.log"),
        timeout,
    ) {
        Ok(r) => r,
        Err(e) => {
            return Ok(vec![Step {
                name: "sqlite3: .import + CREATE INDEX".into(),
                note: format!(
                    "could not run {}: {e} (apt-get install sqlite3)",
                    bin.display()
                ),
                ..Step::default()
            }]);
        }
    };
    let mut total = Step {
        name: "sqlite3: .import + CREATE INDEX".into(),
        rows: Some(ds.voters),
        wall: Some(run.wall),
        max_rss_kib: Some(run.max_rss_kib),
        db_bytes: file_len(&db),
        ok: run.success(),
        note: String::new(),
    };
    if !run.success() {
        total.note = run.describe_failure();
        return Ok(vec![total]);
    }
    // Check the row count (not timed).
    let count = Command::new(&bin)
        .arg("-batch")
        .arg(&db)
        .arg("SELECT count(*) FROM voters;")
        .output()?;
    let counted: Option<u64> = String::from_utf8_lossy(&count.stdout).trim().parse().ok();
    if counted != Some(ds.voters) {
        total.ok = false;
        total.note = format!("sqlite3 holds {counted:?} rows, expected {}", ds.voters);
    }
    let mut steps = vec![total];
    // `.timer on` prints "Run Time: real S user S sys S" after CREATE INDEX.
    let index_secs = run.stdout.lines().find_map(|l| {
        l.strip_prefix("Run Time: real ")?
            .split_whitespace()
            .next()?
            .parse::<f64>()
            .ok()
    });
    if let Some(ix) = index_secs {
        let ix = Duration::from_secs_f64(ix);
        steps.push(Step {
            name: "  of which .import".into(),
            rows: Some(ds.voters),
            wall: Some(run.wall.saturating_sub(ix)),
            ok: true,
            ..Step::default()
        });
        steps.push(Step {
            name: "  of which CREATE INDEX".into(),
            rows: Some(ds.voters),
            wall: Some(ix),
            ok: true,
            ..Step::default()
        });
    }
    Ok(steps)
}

fn parse_summary(stdout: &str) -> Option<serde_json::Value> {
    serde_json::from_str(stdout.trim()).ok().or_else(|| {
        let a = stdout.find('{')?;
        let b = stdout.rfind('}')?;
        serde_json::from_str(stdout.get(a..=b)?).ok()
    })
}

fn count(v: &serde_json::Value, key: &str) -> Option<u64> {
    v.get(key)?.as_u64()
}

fn summary_note(v: &serde_json::Value) -> String {
    let mut s = String::new();
    for k in [
        "rows",
        "inserted",
        "updated",
        "unchanged",
        "removed",
        "rejected",
    ] {
        if let Some(n) = count(v, k) {
            let _ = write!(s, "{}{k} {n}", if s.is_empty() { "" } else { ", " });
        }
    }
    if let Some(m) = v
        .get("events")
        .and_then(|m| m.as_object())
        .filter(|m| !m.is_empty())
    {
        let total: u64 = m.values().filter_map(|x| x.as_u64()).sum();
        let _ = write!(s, "; events calling for a message {total}");
    }
    s
}

/// Runs one ballot-tracker step and checks its JSON summary with `check`.
fn bt_step(
    name: &str,
    args: &[&str],
    bt_dir: &Path,
    rows: Option<u64>,
    timeout: Duration,
    check: impl Fn(&serde_json::Value) -> Result<(), String>,
    json: bool,
) -> Step {
    let exe = env!("CARGO_BIN_EXE_ballot-tracker");
    let mut cmd = Command::new(exe);
    cmd.arg("--data").arg(bt_dir).args(args);
    let slug: String = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let log = bt_dir.with_file_name(format!("bt-{slug}.stderr.log"));
    println!("ballot-tracker: {name} ...");
    let mut step = Step {
        name: format!("ballot-tracker: {name}"),
        rows,
        ..Step::default()
    };
    let run = match run_child(cmd, None, &log, timeout) {
        Ok(r) => r,
        Err(e) => {
            step.note = format!("could not run {exe}: {e}");
            return step;
        }
    };
    step.wall = Some(run.wall);
    step.max_rss_kib = Some(run.max_rss_kib);
    step.db_bytes = file_len(&bt_dir.join("ballot-tracker.redb"));
    if !run.success() {
        step.note = run.describe_failure();
        return step;
    }
    if !json {
        step.ok = true;
        return step;
    }
    match parse_summary(&run.stdout) {
        None => {
            step.note = format!(
                "no JSON summary on stdout: {:?}",
                run.stdout.chars().take(300).collect::<String>()
            )
        }
        Some(v) => {
            step.note = summary_note(&v);
            match check(&v) {
                Ok(()) => step.ok = true,
                Err(e) => step.note = format!("{e} ({})", step.note),
            }
        }
    }
    step
}

fn expect_counts(v: &serde_json::Value, want: &[(&str, u64)]) -> Result<(), String> {
    let bad: Vec<String> = want
        .iter()
        .filter(|(k, n)| count(v, k) != Some(*n))
        .map(|(k, n)| format!("{k} = {:?}, expected {n}", count(v, k)))
        .collect();
    if bad.is_empty() {
        Ok(())
    } else {
        Err(format!("WRONG COUNTS: {}", bad.join("; ")))
    }
}

fn run_ballot_tracker(data: &Path, ds: &DataSet, timeout: Duration) -> io::Result<Vec<Step>> {
    let bt_dir = data.join("bt");
    if bt_dir.exists() {
        fs::remove_dir_all(&bt_dir)?;
    }
    fs::create_dir_all(&bt_dir)?;
    let voters = ds.voters_path.to_str().expect("utf-8 path");
    let ballots = ds.ballots_path.to_str().expect("utf-8 path");
    let n = ds.voters;
    let m = ds.ballots;
    let mut steps = Vec::new();
    let create = bt_step(
        "election create",
        &[
            "election",
            "create",
            "--code",
            ELECTION,
            "--name",
            "General Election",
            "--date",
            "2026-11-03",
            "--kind",
            "statewide",
        ],
        &bt_dir,
        None,
        timeout,
        |_| Ok(()),
        false,
    );
    let ok = create.ok;
    steps.push(create);
    if !ok {
        return Ok(steps);
    }
    let first = bt_step(
        "import voters (full, first load)",
        &["import", "voters", voters, "--mode", "full", "--json"],
        &bt_dir,
        Some(n),
        timeout,
        |v| expect_counts(v, &[("rows", n), ("rejected", 0), ("inserted", n)]),
        true,
    );
    let ok = first.ok;
    steps.push(first);
    if !ok {
        return Ok(steps);
    }
    steps.push(bt_step(
        "import voters again (unchanged)",
        &["import", "voters", voters, "--mode", "full", "--json"],
        &bt_dir,
        Some(n),
        timeout,
        |v| {
            expect_counts(
                v,
                &[
                    ("rows", n),
                    ("rejected", 0),
                    ("unchanged", n),
                    ("inserted", 0),
                    ("updated", 0),
                ],
            )
        },
        true,
    ));
    steps.push(bt_step(
        "import ballots",
        &["import", "ballots", ballots, "--json"],
        &bt_dir,
        Some(m),
        timeout,
        |v| expect_counts(v, &[("rows", m), ("rejected", 0)]),
        true,
    ));
    Ok(steps)
}

// ---------------------------------------------------------------------------
// Report

fn fmt_int(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (k, ch) in s.chars().enumerate() {
        if k > 0 && (s.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn fmt_bytes(b: u64) -> String {
    let b = b as f64;
    if b >= 1024.0 * 1024.0 * 1024.0 {
        format!("{:.2} GiB", b / (1024.0 * 1024.0 * 1024.0))
    } else {
        format!("{:.1} MiB", b / (1024.0 * 1024.0))
    }
}

fn fmt_dur(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 100.0 {
        format!("{s:.0} s")
    } else if s >= 1.0 {
        format!("{s:.2} s")
    } else {
        format!("{:.0} ms", s * 1e3)
    }
}

fn opt<T>(v: Option<T>, f: impl Fn(T) -> String) -> String {
    v.map_or_else(|| "–".to_string(), f)
}

fn machine() -> String {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .and_then(|r| r.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_kib: u64 = meminfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("MemTotal:")?
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(0);
    let nproc = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let kernel = fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!(
        "{nproc} CPUs ({model}), {:.1} GiB memory, Linux {}",
        mem_kib as f64 / (1024.0 * 1024.0),
        kernel.trim()
    )
}

/// The 1-, 5- and 15-minute load averages: the machine may be shared.
fn load_average() -> String {
    let l = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
}

fn now_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut b = Vec::new();
    push_date(&mut b, (secs / 86_400) as i64);
    b.push(b' ');
    push_time(&mut b, secs % 86_400);
    format!("{} UTC", String::from_utf8_lossy(&b))
}

fn git_commit(root: &Path) -> String {
    let out = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let head = out(&["rev-parse", "--short", "HEAD"]).unwrap_or_else(|| "unknown".into());
    let dirty = out(&[
        "status",
        "--porcelain",
        "--",
        "src",
        "Cargo.toml",
        "Cargo.lock",
    ])
    .is_some_and(|s| !s.is_empty());
    if dirty {
        format!("{head} (with uncommitted changes in src/ or Cargo.*)")
    } else {
        head
    }
}

fn sqlite_version() -> String {
    Command::new(sqlite_binary())
        .arg("--version")
        .output()
        .ok()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string()
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "not found".into())
}

const GIB_KIB: u64 = 1024 * 1024;

struct Target {
    what: &'static str,
    measured: String,
    met: Option<bool>,
}

fn targets(sqlite: &[Step], bt: &[Step]) -> Vec<Target> {
    let find = |steps: &[Step], prefix: &str| {
        steps
            .iter()
            .find(|s| s.name.starts_with(prefix) && s.ok)
            .map(|s| s.rows_per_sec())
    };
    let sq = sqlite.first().filter(|s| s.ok);
    let bt_voters = bt.iter().find(|s| s.name.contains("first load") && s.ok);
    let bt_ballots = find(bt, "ballot-tracker: import ballots").flatten();
    let mut t = Vec::new();
    let ratio = match (
        bt_voters.and_then(Step::rows_per_sec),
        sq.and_then(Step::rows_per_sec),
    ) {
        (Some(a), Some(b)) => Some(a / b),
        _ => None,
    };
    t.push(Target {
        what: "voter load ≥ 1.5 × sqlite3 rows/s",
        measured: opt(ratio, |r| format!("{r:.2} ×")),
        met: ratio.map(|r| r >= 1.5),
    });
    let size = match (
        bt_voters.and_then(|s| s.db_bytes),
        sq.and_then(|s| s.db_bytes),
    ) {
        (Some(a), Some(b)) => Some((a, b, a as f64 / b as f64)),
        _ => None,
    };
    t.push(Target {
        what: "DB after the voter load no larger than sqlite3's",
        measured: opt(size, |(a, b, r)| {
            format!("{} vs {} ({r:.2} ×)", fmt_bytes(a), fmt_bytes(b))
        }),
        met: size.map(|(a, b, _)| a <= b),
    });
    t.push(Target {
        what: "ballot rows ≥ 250,000 rows/s",
        measured: opt(bt_ballots, |r| format!("{} rows/s", fmt_int(r as u64))),
        met: bt_ballots.map(|r| r >= 250_000.0),
    });
    let imports: Vec<&Step> = bt
        .iter()
        .filter(|s| s.name.contains("import") && s.ok)
        .collect();
    let rss = (imports.len() == 3)
        .then(|| imports.iter().filter_map(|s| s.max_rss_kib).max())
        .flatten();
    t.push(Target {
        what: "peak RSS < 1 GiB (every ballot-tracker import)",
        measured: opt(rss, |k| fmt_bytes(k * 1024)),
        met: rss.map(|k| k < GIB_KIB),
    });
    t
}

fn steps_table(steps: &[&Step]) -> String {
    let mut s = String::from(
        "| step | rows | wall | rows/s | peak RSS | DB size | result |\n|---|---:|---:|---:|---:|---:|---|\n",
    );
    for st in steps {
        let result = if st.ok {
            if st.note.is_empty() {
                "ok".to_string()
            } else {
                format!("ok: {}", st.note)
            }
        } else {
            format!("**FAILED**: {}", st.note.replace('\n', " ⏎ "))
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            st.name,
            opt(st.rows, fmt_int),
            opt(st.wall, fmt_dur),
            opt(
                st.rows_per_sec().filter(|_| st.wall.is_some()),
                |r| fmt_int(r as u64)
            ),
            opt(st.max_rss_kib, |k| fmt_bytes(k * 1024)),
            opt(st.db_bytes, fmt_bytes),
            result.replace('|', "\\|")
        );
    }
    s
}

#[allow(clippy::too_many_arguments)]
fn report(
    root: &Path,
    command: &str,
    ds: &DataSet,
    sqlite: &[Step],
    bt: &[Step],
    sqlite_skipped: bool,
    bt_skipped: bool,
    failures: &[String],
    load_start: &str,
) -> String {
    let mut r = String::new();
    let _ = writeln!(r, "# Statewide load benchmark: results\n");
    let _ = writeln!(
        r,
        "Produced by `bench/statewide.rs` (see `bench/README.md`); do not edit by hand.\n"
    );
    let _ = writeln!(r, "- Date: {}", now_utc());
    let _ = writeln!(r, "- Machine: {}", machine());
    let _ = writeln!(
        r,
        "- Load average (1, 5, 15 min) at the start: {load_start}; at the end: {}",
        load_average()
    );
    let _ = writeln!(r, "- Command: `{command}`");
    let _ = writeln!(r, "- Scale: {} (BENCH_SCALE)", ds.scale);
    let _ = writeln!(r, "- ballot-tracker commit: {}", git_commit(root));
    let _ = writeln!(r, "- sqlite3: {}\n", sqlite_version());

    let _ = writeln!(r, "## Data\n");
    let _ = writeln!(
        r,
        "| file | rows | size | generated in | generator rows/s |\n|---|---:|---:|---:|---:|"
    );
    for (name, rows, bytes, t) in [
        ("voters.csv", ds.voters, ds.voters_bytes, ds.gen_voters),
        ("ballots.csv", ds.ballots, ds.ballots_bytes, ds.gen_ballots),
    ] {
        let _ = writeln!(
            r,
            "| {name} | {} | {} | {}{} | {} |",
            fmt_int(rows),
            fmt_bytes(bytes),
            fmt_dur(t),
            if ds.reused { " (earlier run)" } else { "" },
            fmt_int((rows as f64 / t.as_secs_f64().max(1e-9)) as u64)
        );
    }
    let _ = writeln!(
        r,
        "\nElection `{ELECTION}`. Row counts and the seed are fixed, so every run loads the same files.\n"
    );

    let _ = writeln!(r, "## Results\n");
    let mut all: Vec<&Step> = Vec::new();
    all.extend(sqlite.iter());
    all.extend(bt.iter());
    r.push_str(&steps_table(&all));
    if sqlite_skipped {
        let _ = writeln!(r, "\nsqlite3 baseline skipped (BENCH_SKIP_SQLITE=1).");
    }
    if bt_skipped {
        let _ = writeln!(r, "\nballot-tracker skipped (BENCH_SKIP_BT=1).");
    }
    let _ = writeln!(
        r,
        "\nWall time is the child process's, from spawn to exit; peak RSS is its `ru_maxrss` (wait4). \
         sqlite3 rows/s counts the whole load (`.import` and `CREATE INDEX`), as ballot-tracker's includes its indexes. \
         The DB size is the file after the step (`ballot-tracker.redb`; the sqlite3 file holds voters only)."
    );

    let _ = writeln!(r, "\n## Targets\n");
    let _ = writeln!(r, "| target | measured | status |\n|---|---|---|");
    for t in targets(sqlite, bt) {
        let status = match t.met {
            Some(true) => "met",
            Some(false) => "**not met**",
            None => "not measured",
        };
        let _ = writeln!(r, "| {} | {} | {status} |", t.what, t.measured);
    }
    let _ = writeln!(
        r,
        "\nNotes: the sqlite3 baseline is the shell's fastest documented path with default \
         settings otherwise (page cache 2 MiB): the voter ids arrive in random order, so its \
         `.import` is dominated by random B-tree inserts. Timings on a shared machine vary \
         with its load (see the load averages above)."
    );
    if ds.scale != 1.0 {
        let _ = writeln!(
            r,
            "\nScale {} is not the statewide size: the targets are indicative only.",
            ds.scale
        );
    }
    if !failures.is_empty() {
        let _ = writeln!(r, "\n## Failures\n");
        for f in failures {
            let _ = writeln!(r, "- {}", f.replace('\n', "\n  "));
        }
    }
    r
}

// ---------------------------------------------------------------------------

fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0")
}

fn free_bytes(p: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(p.as_os_str().as_bytes()).ok()?;
    // SAFETY: statvfs is plain old data; `c` is a valid C string.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
        return None;
    }
    Some(st.f_bavail as u64 * st.f_frsize as u64)
}

fn main() -> ExitCode {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not: then do nothing.
    if !std::env::args().any(|a| a == "--bench") {
        println!("statewide: a benchmark; run it with `cargo bench --bench statewide`");
        return ExitCode::SUCCESS;
    }
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("statewide: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> io::Result<bool> {
    let scale: f64 = match std::env::var("BENCH_SCALE") {
        Ok(s) if !s.trim().is_empty() => s
            .trim()
            .parse()
            .ok()
            .filter(|x: &f64| *x > 0.0 && *x <= 4.0)
            .ok_or_else(|| {
                io::Error::other(format!("BENCH_SCALE={s}: expected a number in (0, 4]"))
            })?,
        _ => 1.0,
    };
    let timeout = Duration::from_secs(
        std::env::var("BENCH_STEP_TIMEOUT_SECS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(7200),
    );
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("bench").join("data");
    fs::create_dir_all(&data)?;
    for old in ["sqlite", "bt"] {
        let p = data.join(old);
        if p.exists() {
            fs::remove_dir_all(p)?;
        }
    }
    let regen = env_flag("BENCH_REGEN");
    // ~4.6 GB of CSV plus ~2.2 GB while the ballot days are concatenated, and the two DBs.
    let stamp_ok = !regen
        && read_stamp(
            &data.join("stamp.txt"),
            scale,
            &data.join("voters.csv"),
            &data.join("ballots.csv"),
        )
        .is_some();
    let need = scale * if stamp_ok { 6e9 } else { 13e9 };
    let free = free_bytes(&data).unwrap_or(u64::MAX);
    if (free as f64) < need {
        return Err(io::Error::other(format!(
            "not enough disk under {}: {} free, about {} needed at scale {scale}",
            data.display(),
            fmt_bytes(free),
            fmt_bytes(need as u64)
        )));
    }

    let load_start = load_average();
    let ds = ensure_data(&data, scale, regen)?;
    let skip_sqlite = env_flag("BENCH_SKIP_SQLITE");
    let skip_bt = env_flag("BENCH_SKIP_BT");
    let sqlite = if skip_sqlite {
        Vec::new()
    } else {
        run_sqlite(&data, &ds, timeout)?
    };
    let bt = if skip_bt {
        Vec::new()
    } else {
        run_ballot_tracker(&data, &ds, timeout)?
    };

    let mut failures: Vec<String> = Vec::new();
    for s in sqlite.iter().chain(bt.iter()) {
        if !s.ok {
            failures.push(format!("{}: {}", s.name.trim(), s.note));
        }
    }
    if !skip_bt && bt.len() < 4 {
        failures.push("ballot-tracker: later steps not run because an earlier one failed".into());
    }

    let mut command = String::new();
    for k in [
        "BENCH_SCALE",
        "BENCH_REGEN",
        "BENCH_SKIP_SQLITE",
        "BENCH_SKIP_BT",
        "BENCH_STEP_TIMEOUT_SECS",
    ] {
        if let Ok(v) = std::env::var(k) {
            let _ = write!(command, "{k}={v} ");
        }
    }
    command.push_str("cargo bench --bench statewide");
    let text = report(
        &root,
        &command,
        &ds,
        &sqlite,
        &bt,
        skip_sqlite,
        skip_bt,
        &failures,
        &load_start,
    );
    let out = match std::env::var_os("BENCH_RESULTS") {
        Some(p) => PathBuf::from(p),
        None if scale == 1.0 => root.join("bench").join("RESULTS.md"),
        None => data.join(format!("RESULTS-scale-{scale}.md")),
    };
    // Keep the notification benchmark's section (bench/notify.rs writes it).
    let kept = fs::read_to_string(&out)
        .ok()
        .and_then(|old| {
            old.find("<!-- BEGIN notify -->")
                .map(|i| old[i..].to_string())
        })
        .unwrap_or_default();
    fs::write(&out, format!("{}\n{kept}", text.trim_end()))?;
    println!("\n{text}");
    println!("written to {}", out.display());
    if !failures.is_empty() {
        eprintln!("\nstatewide: FAILED:");
        for f in &failures {
            eprintln!("  - {f}");
        }
    }
    Ok(failures.is_empty())
}
