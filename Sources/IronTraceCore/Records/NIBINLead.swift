/// A NIBIN correlation lead: two pieces of ballistic evidence (fired cartridge cases from a scene,
/// or a recovered gun test-fired by the lab) that the network's correlation, confirmed by an
/// examiner's review, says were fired by one gun. NIBIN is ATF's National Integrated Ballistic
/// Information Network; leads come to analysts as lists like this one (format: docs/formats.md).
public struct NIBINLead: Hashable, Sendable {
    public enum ExhibitKind: String, CaseIterable, Sendable {
        /// Cartridge cases recovered at a scene.
        case cartridgeCase = "cartridge-case"
        /// A recovered crime gun, test-fired.
        case firearm
    }

    /// One side of the lead: the lab's exhibit and where it ties into our records.
    public struct Exhibit: Hashable, Sendable {
        /// The exhibit number as the lab gave it.
        public var id: String
        public var kind: ExhibitKind
        /// The crime gun's recovery (required for a firearm; cartridge cases found with a
        /// recovered gun may name it too).
        public var recoveryID: Int64?
        /// The shooting the evidence comes from.
        public var eventID: Int64?
        /// The agency that entered it (ORI or name).
        public var agency: String

        public init(id: String, kind: ExhibitKind, recoveryID: Int64?, eventID: Int64?, agency: String) {
            self.id = id
            self.kind = kind
            self.recoveryID = recoveryID
            self.eventID = eventID
            self.agency = agency
        }
    }

    /// The lead number.
    public var id: String
    /// The day the lead was issued.
    public var date: CivilDate
    public var a: Exhibit
    public var b: Exhibit

    public init(id: String, date: CivilDate, a: Exhibit, b: Exhibit) {
        self.id = id
        self.date = date
        self.a = a
        self.b = b
    }

    /// Days after a lead within which a crime gun it names should have had its trace requested
    /// before IronTrace flags it. ATF asks the agencies that use NIBIN to trace every crime gun
    /// they recover (comprehensive tracing); the 30 days are our own threshold, not ATF's.
    public static let traceTurnaroundDays = 30
}
