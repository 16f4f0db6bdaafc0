/// How an operator position's average alarm rate compares with the ISA-18.2 / EEMUA 191 benchmarks.
///
/// ANSI/ISA-18.2-2016 table 5 ("Recommended alarm performance metrics", per operating position): about 1
/// annunciated alarm per 10 minutes (≈150 a day) is very likely acceptable, about 2 per 10 minutes (≈300
/// a day) the maximum manageable; more than 10 in 10 minutes is a flood, to occur in under about 1 % of
/// 10-minute periods. EEMUA 191 gives the same order: under one alarm per 10 minutes in steady operation
/// is very likely acceptable, one per 5 minutes manageable, one per 2 minutes likely over-demanding.
public enum AlarmLoad: String, Hashable, Sendable, Codable, Comparable {
    /// Average at most 1 per 10 minutes.
    case veryLikelyAcceptable = "very_likely_acceptable"
    /// Average above 1 and at most 2 per 10 minutes.
    case manageable
    /// Average above 2 per 10 minutes: the operator cannot respond to every alarm as intended.
    case overDemanding = "over_demanding"

    /// The load for an average of `rate` annunciations per 10 minutes.
    public init(averagePerTenMinutes rate: Double) {
        if rate <= AlarmFloodMeter.acceptablePerTenMinutes {
            self = .veryLikelyAcceptable
        } else if rate <= AlarmFloodMeter.manageablePerTenMinutes {
            self = .manageable
        } else {
            self = .overDemanding
        }
    }

    private var rank: Int {
        switch self {
        case .veryLikelyAcceptable: 0
        case .manageable: 1
        case .overDemanding: 2
        }
    }

    public static func < (lhs: AlarmLoad, rhs: AlarmLoad) -> Bool { lhs.rank < rhs.rank }
}
