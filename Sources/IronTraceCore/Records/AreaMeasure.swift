/// A published figure for an area and period: homicides, firearm homicides, population, ...
public struct AreaMeasure: Hashable, Sendable {
    public var area: AreaCode
    /// `YYYY` or `YYYY-MM`.
    public var period: String
    /// `homicides`, `firearm_homicides`, `population`, `homicide_cases`, ...
    public var measure: String
    public var value: Double
    /// `INEGI`, `SESNSP`, `CONAPO`, `Census`, `synthetic`.
    public var source: String

    public init(area: AreaCode, period: String, measure: String, value: Double, source: String) {
        self.area = area
        self.period = period
        self.measure = measure
        self.value = value
        self.source = source
    }
}

/// A published aggregate count of traced guns from a source area recovered in another area.
public struct Flow: Hashable, Sendable {
    public var sourceArea: AreaCode
    public var recoveryArea: AreaCode
    public var year: Int
    public var count: Int
    public var source: String

    public init(sourceArea: AreaCode, recoveryArea: AreaCode, year: Int, count: Int, source: String) {
        self.sourceArea = sourceArea
        self.recoveryArea = recoveryArea
        self.year = year
        self.count = count
        self.source = source
    }
}
