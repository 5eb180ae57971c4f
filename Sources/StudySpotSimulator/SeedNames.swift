/// Names for seeded libraries, zones and people: Indian cities, and library
/// names in English with Devanagari, Tamil and Bengali, as the platform's
/// owners write them.
enum SeedNames {
    static let cities = [
        "Pune", "Chennai", "Kolkata", "Bengaluru", "Hyderabad", "Delhi", "Mumbai", "Jaipur", "Lucknow", "Patna",
        "Kota", "Indore", "Bhopal", "Coimbatore", "Madurai", "Kochi", "Ahmedabad", "Nagpur", "Chandigarh", "Bhubaneswar",
    ]
    static let englishNames = [
        "Vidya Study Hall", "Bodhi Library", "Saraswati Reading Room", "Focus Point", "Pragati Study Centre",
        "Lakshya Library", "Deep Study Space", "Ekagra Reading Hall", "Udaan Library", "Shiksha Study Point",
        "Dhyan Study Lounge", "Quiet Corner", "Career Point Library", "Success Study Zone", "Akshar Reading Room",
    ]
    static let devanagariNames = [
        "Gyan Kendra ज्ञान केंद्र", "Pustakalaya पुस्तकालय", "Adhyayan Kaksh अध्ययन कक्ष", "Vidya Mandir विद्या मंदिर",
        "Saraswati सरस्वती वाचनालय",
    ]
    static let tamilNames = ["Arivagam அறிவகம்", "Padippagam படிப்பகம்", "Noolagam நூலகம்"]
    static let bengaliNames = ["Gyaner Alo জ্ঞানের আলো", "Pathagar পাঠাগার", "Boi Ghar বইঘর"]

    static let zones = ["Quiet zone", "AC cabins", "Main hall", "Silent room", "Group tables", "Terrace"]
    static let devanagariRows = ["क", "ख", "ग", "घ", "च", "छ", "ज", "झ", "ट", "ठ", "ड", "ढ"]

    static let firstNames = [
        "Asha", "Karthik", "Priya", "Rahul", "Ananya", "Arjun", "Divya", "Rohan", "Sneha", "Vikram", "Meera", "Aditya",
        "Kavya", "Siddharth", "Pooja", "Nikhil", "Lakshmi", "Sanjay", "Ishita", "Manoj", "Fatima", "Imran", "Gurpreet",
        "Harpreet", "Joseph", "Maria", "Subhash", "Tanvi", "Yash", "Zoya", "Deepa", "Arun", "Sourav", "Ritika",
    ]
    static let lastInitials = Array("ABCDGHIJKMNPRSTVY").map(String.init)

    static func libraryName(_ rng: inout SeededRandom, index: Int) -> String {
        let r = rng.unit()
        if r < 0.55 { return rng.pick(englishNames) }
        if r < 0.8 { return rng.pick(devanagariNames) }
        if r < 0.9 { return rng.pick(tamilNames) }
        return rng.pick(bengaliNames)
    }

    static func rowLabel(_ row: Int, devanagari: Bool) -> String {
        if devanagari { return devanagariRows[(row - 1) % devanagariRows.count] + (row > devanagariRows.count ? "\((row - 1) / devanagariRows.count)" : "") }
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
        return row <= letters.count ? String(letters[row - 1]) : String(letters[(row - 1) / letters.count - 1]) + String(letters[(row - 1) % letters.count])
    }
}
