import XCTest

@testable import Diacritics

/// "any tone": both texts scored in the model's tone-placement convention.
final class TonePlacementTests: XCTestCase {
    func testBothPlacementsOfAnOpenRhymeScoreAlike() {
        XCTAssertEqual(
            RestorationEvaluation.inModelTonePlacement("Uỷ ban hoà giải, THUỴ khoẻ; quý, thuở, hoàn"),
            "Ủy ban hòa giải, THỤY khỏe; quý, thuở, hoàn")
        var f = RestorationEvaluation.Figures()
        f.add(input: "Uy ban hoa giai", output: "Ủy ban hòa giải", gold: "Uỷ ban hoà giải")
        XCTAssertEqual(f.output.correct, 2)
        XCTAssertEqual(f.outputAnyTonePlacement.correct, 4)
    }
}
