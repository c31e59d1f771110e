"""Fictional but plausible sample content for demo cases (no real person or event)."""

# (category code, title, description); {place} is filled with a kabupaten/kota name.
SAMPLES = [
    (
        "pekerjaan-umum",
        "Jalan provinsi berlubang di {place}",
        "Ruas jalan provinsi di {place} berlubang besar sejak musim hujan. Sudah beberapa "
        "pengendara motor terjatuh pada malam hari karena tidak ada penerangan.",
    ),
    (
        "pekerjaan-umum",
        "Jembatan kayu rusak di {place}",
        "Jembatan penghubung antardesa di {place} lantainya lapuk dan berlubang. Anak sekolah "
        "setiap hari melewati jembatan ini.",
    ),
    (
        "pekerjaan-umum",
        "Drainase tersumbat menyebabkan banjir di {place}",
        "Saluran drainase di tepi jalan provinsi di {place} tersumbat sampah dan lumpur sehingga "
        "air meluap ke rumah warga setiap hujan deras.",
    ),
    (
        "kesehatan",
        "Antrean obat di RSUD terlalu lama",
        "Pasien BPJS menunggu obat lebih dari lima jam di apotek rumah sakit. Mohon penambahan "
        "petugas atau sistem antrean yang lebih baik.",
    ),
    (
        "kesehatan",
        "Puskesmas di {place} kekurangan tenaga bidan",
        "Puskesmas di {place} hanya memiliki satu bidan sehingga ibu hamil harus menunggu lama "
        "dan sering dirujuk ke kota.",
    ),
    (
        "pendidikan-kebudayaan",
        "Pungutan seragam di SMA negeri {place}",
        "Orang tua murid baru diminta membayar seragam dan buku dengan harga tinggi tanpa "
        "rincian. Mohon kejelasan aturannya.",
    ),
    (
        "pendidikan-kebudayaan",
        "Atap ruang kelas SMK di {place} bocor",
        "Atap dua ruang kelas bocor sehingga kegiatan belajar terganggu saat hujan.",
    ),
    (
        "lingkungan-kehutanan",
        "Limbah tambang mencemari sungai di {place}",
        "Air sungai di {place} berubah keruh dan berbau sejak ada aktivitas tambang di hulu. "
        "Warga tidak bisa lagi memakai air untuk mandi dan mencuci.",
    ),
    (
        "perhubungan",
        "Truk batu bara melintas di jalan umum {place}",
        "Truk angkutan batu bara masih melintas di jalan umum pada siang hari dan merusak "
        "jalan serta membahayakan pengguna jalan.",
    ),
    (
        "sosial-kesejahteraan",
        "Bantuan sosial tidak tepat sasaran di {place}",
        "Beberapa keluarga mampu menerima bantuan sementara warga lansia yang miskin tidak "
        "terdata. Mohon verifikasi ulang data penerima.",
    ),
    (
        "ketenagakerjaan",
        "Upah pekerja perkebunan di bawah UMP",
        "Pekerja harian di sebuah perkebunan sawit di {place} dibayar di bawah upah minimum "
        "provinsi dan tanpa BPJS Ketenagakerjaan.",
    ),
    (
        "perizinan",
        "Pengurusan izin usaha berlarut-larut",
        "Permohonan izin usaha kami sudah lengkap sejak tiga bulan lalu tetapi belum ada "
        "kepastian dan tidak ada informasi status.",
    ),
    (
        "pertanian-peternakan",
        "Pupuk bersubsidi langka di {place}",
        "Petani padi di {place} kesulitan mendapatkan pupuk bersubsidi menjelang musim tanam.",
    ),
    (
        "bencana",
        "Tanggul sungai retak di {place}",
        "Tanggul di tepi sungai di {place} retak memanjang. Warga khawatir jebol saat air pasang.",
    ),
    (
        "tik",
        "Situs layanan pemerintah provinsi sering tidak bisa diakses",
        "Situs layanan perizinan daring sering tidak bisa dibuka pada jam kerja.",
    ),
    (
        "pungli",
        "Pungutan liar pada layanan samsat di {place}",
        "Ada permintaan uang tambahan tanpa kuitansi saat pengurusan pajak kendaraan di {place}.",
    ),
    (
        "penyalahgunaan-wewenang",
        "Dugaan penyalahgunaan wewenang dalam pengadaan",
        "Seorang pejabat diduga mengarahkan pemenang pengadaan barang kepada kerabatnya. "
        "Dokumen penawaran yang lain ditolak tanpa alasan jelas.",
    ),
    (
        "netralitas-asn",
        "ASN ikut berkampanye di media sosial",
        "Seorang ASN di lingkungan pemerintah provinsi mengunggah ajakan memilih calon tertentu.",
    ),
    (
        "topik-lainnya",
        "Lampu penerangan jalan padam di {place}",
        "Lampu penerangan jalan di ruas jalan provinsi di {place} padam lebih dari sebulan.",
    ),
]

ASPIRATIONS = [
    (
        "Usulan halte bus di depan RSUD",
        "Mohon dibangun halte yang teduh di depan rumah sakit untuk pengguna angkutan umum.",
    ),
    (
        "Usulan jalur sepeda di Banjarbaru",
        "Kami mengusulkan jalur sepeda yang aman di kawasan perkantoran pemerintah provinsi.",
    ),
]

INFORMATION_REQUESTS = [
    (
        "Permintaan data anggaran perbaikan jalan",
        "Mohon informasi rincian anggaran perbaikan jalan provinsi tahun berjalan di {place}.",
    ),
]

WBS_SAMPLES = [
    (
        "Dugaan gratifikasi dalam perizinan",
        "Apa: pemberian uang kepada petugas agar izin cepat terbit. Siapa: seorang kepala seksi. "
        "Di mana: kantor layanan di {place}. Kapan: bulan lalu. Bagaimana: uang diserahkan "
        "melalui perantara.",
    ),
]

FIRST_NAMES = [
    "Ahmad",
    "Siti",
    "Muhammad",
    "Nur",
    "Rahmat",
    "Fitri",
    "Hendra",
    "Rina",
    "Yusuf",
    "Aulia",
    "Rizky",
    "Dewi",
    "Fauzan",
    "Noor",
    "Hasanah",
    "Galuh",
    "Iwan",
    "Mariani",
    "Syarif",
    "Laila",
]
LAST_NAMES = [
    "Rahman",
    "Hidayat",
    "Saputra",
    "Aini",
    "Maulana",
    "Sari",
    "Fadillah",
    "Halidi",
    "Rusdi",
    "Anshari",
    "Kurniawan",
    "Wahyuni",
    "Noor",
    "Hakim",
    "Arsyad",
    "Basri",
    "Jamal",
    "Yani",
]
STREETS = ["Jl. A. Yani", "Jl. Lambung Mangkurat", "Jl. Sultan Adam", "Jl. Panglima Batur"]

UPDATE_NOTES = [
    "Tim sudah meninjau lokasi dan mendokumentasikan kondisi.",
    "Laporan sedang dikoordinasikan dengan bidang teknis.",
    "Pekerjaan dijadwalkan pada pekan depan.",
]
RESULTS = [
    "Perbaikan telah selesai dilaksanakan. Terima kasih atas laporan Anda.",
    "Petugas telah diberi pembinaan dan layanan sudah diperbaiki.",
    "Data penerima telah diverifikasi ulang bersama pemerintah kabupaten.",
]
