# Coverage evidence for the seven first-read guidelines (issue 18).
# Each entry: topic -> dict(level?, where, edition?, inferred?, whole?, section?, note?)
# Applied by scripts/apply_evidence.py; the sources are listed in docs/sources.md.
C = "2026-12-04"

SME = {  # 中小企業ガイドライン 第3.1版
 "access-control": dict(where="付録1 5か条の4「共有設定を見直そう！」、付録5 関連規程サンプルの「アクセス制御及び認証」", edition="第3版（規程サンプルの章立て）"),
 "antivirus": dict(where="付録1 5か条の2「ウイルス対策ソフトを導入しよう！」"),
 "asset-inventory": dict(where="付録7 リスク分析シート（情報資産管理台帳）、付録5 関連規程サンプルの「情報資産管理」"),
 "backup": dict(level="partial", inferred=True, where="付録5 関連規程サンプルの「IT基盤運用管理」、付録3 自社診断", note="バックアップは規程サンプルの運用管理や自社診断の設問の一部として扱われていると考えられますが、独立した章はありません。"),
 "budget": dict(where="経営者編 重要7項目の取組2、実践編「本格的に取り組む」②"),
 "business-continuity": dict(where="経営者編 重要7項目の取組5"),
 "cloud": dict(where="付録6 中小企業のためのクラウドサービス安全利用の手引き", edition="第3版（付録に加わった版）"),
 "data-protection": dict(level="covered", where="はじめに（ガイドラインの目的：重要な情報を漏えい・改ざん・消失から守る）", edition="第3版"),
 "disclosure": dict(where="経営者編 3原則の原則3"),
 "help-desk": dict(level="partial", inferred=True, where="付録8 中小企業のためのセキュリティインシデント対応の手引き", note="インシデント時の報告先や相談先に触れる部分がありますが、外部の相談先の選び方を扱う章はありません。"),
 "incident-response": dict(where="経営者編 重要7項目の取組5、実践編「セキュリティインシデント対応」、付録8"),
 "insider-fraud": dict(level="partial", inferred=True, where="付録5 関連規程サンプルの「人的対策」「アクセス制御及び認証」", edition="第3版（規程サンプルの章立て）", note="経済産業省の検討会（2025年4月）では、内部不正は中小企業ガイドラインに含まれていないと指摘されました。規程サンプルの人的対策やアクセス制御が一部の備えにはなりますが、内部不正に正面から備えるなら内部不正防止ガイドラインを読んでください。"),
 "logging": dict(level="partial", inferred=True, where="付録5 関連規程サンプルの「IT基盤運用管理」", edition="第3版（規程サンプルの章立て）", note="ログの扱いは運用管理の規程の一部として出てくると考えられますが、監視を主題とする章はありません。"),
 "organization-hr": dict(where="経営者編 重要7項目の取組2、実践編「本格的に取り組む」①管理体制の構築"),
 "password-auth": dict(where="付録1 5か条の3「パスワードを強化しよう！」"),
 "physical": dict(where="付録5 関連規程サンプルの「物理的対策」", edition="第3版（規程サンプルの章立て）"),
 "policy": dict(where="経営者編 重要7項目の取組1、実践編「本格的に取り組む」③、付録2 情報セキュリティ基本方針（サンプル）"),
 "ransomware": dict(where="付録8 インシデント対応の手引き（ウイルス感染・ランサムウェア感染のケース）"),
 "risk-assessment": dict(where="付録7 リスク分析シート、付録3 自社診断"),
 "scs-request": dict(level="partial", inferred=True, where="経営者編 原則2・取組6、実践編「本格的に取り組む」④委託時の対策", note="委託先に対策を求める発注側の立場で書かれています。取引先から★3・★4を求められたときの対応は、SCS評価制度より前の版のため扱っていません。"),
 "supply-chain": dict(where="経営者編 3原則の原則2・取組6、実践編「本格的に取り組む」④委託時の対策"),
 "targeted-email": dict(level="partial", inferred=True, where="付録1 5か条の5「脅威や攻撃の手口を知ろう！」、付録4 情報セキュリティハンドブック（ひな形）", note="不審なメールへの注意は、攻撃の手口を知る項目や従業員向けハンドブックの一部として出てきます。"),
 "telework": dict(where="実践編「テレワークの情報セキュリティ」（第3.1版で追加）"),
 "training": dict(where="付録4 情報セキュリティハンドブック（ひな形）、付録1 5か条の5"),
 "vulnerability-update": dict(where="付録1 5か条の1「OSやソフトウェアは常に最新の状態にしよう！」"),
}

CSM = {  # 経営ガイドライン Ver 3.0
 "access-control": dict(level="partial", inferred=True, where="重要10項目の指示5（防御・検知・分析の仕組み）", note="指示5が求める防御の仕組みの一部にあたると考えられます。具体的な設定の話はありません。"),
 "antivirus": dict(level="partial", inferred=True, where="重要10項目の指示5（防御・検知・分析の仕組み）", note="指示5が求める防御の仕組みの一部にあたると考えられます。"),
 "asset-inventory": dict(level="partial", inferred=True, where="重要10項目の指示4（リスクの把握と対応計画）"),
 "backup": dict(level="partial", inferred=True, where="重要10項目の指示8（事業継続・復旧体制）", note="復旧の備えの一部にあたると考えられます。"),
 "budget": dict(where="重要10項目の指示3（資源〈予算、人材等〉の確保）"),
 "business-continuity": dict(where="重要10項目の指示8（インシデントによる被害に備えた事業継続・復旧体制の整備）"),
 "cloud": dict(level="partial", inferred=True, where="1. はじめに（改訂の背景：デジタル環境を前提とした働き方）", note="改訂の背景としてデジタル環境の広がりに触れていますが、クラウドの選び方や使い方を扱う項目はありません。"),
 "data-protection": dict(level="partial", inferred=True, where="重要10項目の指示4・指示5", note="守るべき情報を把握し、保護の仕組みを整えるという一般的な形で扱われています。"),
 "disclosure": dict(where="3原則の原則3、重要10項目の指示6（改善状況の開示）・指示10"),
 "help-desk": dict(level="partial", inferred=True, where="重要10項目の指示3（資源の確保）・指示10（情報の収集・共有）", note="外部の力を借りることや情報共有活動への参加に触れる程度で、相談先の案内はありません。"),
 "incident-response": dict(where="重要10項目の指示7（緊急対応体制）、付録C"),
 "insider-fraud": dict(level="partial", inferred=True, where="本文（記載箇所は特定できていません）", note="経済産業省の検討会（2025年4月）では、経営ガイドラインは内部不正も対象に含むと指摘されています。ただし本文のどの項目で扱うかは確かめられていないため「一部」としています。内部不正の具体的な対策は内部不正防止ガイドラインで確かめてください。"),
 "logging": dict(level="partial", inferred=True, where="重要10項目の指示5（攻撃の検知）", note="攻撃に気づく仕組み（検知）を整えることが求められていますが、ログの取り方などの具体策は書かれていません。"),
 "organization-hr": dict(where="重要10項目の指示2（管理体制の構築）・指示3、付録F"),
 "password-auth": dict(level="partial", inferred=True, where="重要10項目の指示5（防御の仕組み）"),
 "policy": dict(where="3原則の原則1、重要10項目の指示1（組織全体での対応方針の策定）"),
 "ransomware": dict(level="partial", inferred=True, where="1. はじめに（改訂の背景：ランサムウェアによる事業停止）", note="Ver 3.0への改訂の背景としてランサムウェア被害の広がりが挙げられています。"),
 "risk-assessment": dict(where="重要10項目の指示4（リスクの把握と対応計画の策定）"),
 "scs-request": dict(level="partial", inferred=True, where="3原則の原則2、重要10項目の指示9", note="取引先を含めた対策を経営者が進める立場で書かれています。★3・★4の要請への対応は、SCS評価制度より前の文書のため扱っていません。"),
 "supply-chain": dict(where="3原則の原則2、重要10項目の指示9"),
 "telework": dict(level="partial", inferred=True, where="1. はじめに（改訂の背景：テレワークの活用）", note="改訂の背景としてテレワークの広がりが挙げられていますが、テレワークの対策を扱う項目はありません。"),
 "training": dict(level="partial", where="重要10項目の指示8（サプライチェーンも含めた演習）、付録F（プラス・セキュリティ）", section="directive-8"),
 "vulnerability-update": dict(level="partial", inferred=True, where="重要10項目の指示5（防御の仕組み）"),
}

APPF = {  # 付録F 第2.0版
 "organization-hr": dict(where="指示2（管理体制の構築）の検討手順"),
 "budget": dict(where="指示3（資源〈予算、人材等〉の確保）の検討手順"),
 "training": dict(where="指示3の「プラス・セキュリティ」の取り組み"),
 "help-desk": dict(level="partial", inferred=True, where="指示3（人材の確保）", edition="第1.1版（人材の確保方法の説明）", note="足りない人材を外部から確保する考え方に触れていますが、相談先の案内ではありません。"),
}

FIVE_WHERE_ALL = "付録1 全体（5つの項目の見出しと説明）"
FIVE = {  # 5か条（第3.1版 付録1）
 "vulnerability-update": dict(where="項目1「OSやソフトウェアは常に最新の状態にしよう！」"),
 "antivirus": dict(where="項目2「ウイルス対策ソフトを導入しよう！」"),
 "password-auth": dict(where="項目3「パスワードを強化しよう！」"),
 "access-control": dict(where="項目4「共有設定を見直そう！」"),
 "data-protection": dict(where="項目4「共有設定を見直そう！」"),
 "training": dict(level="partial", where="項目5「脅威や攻撃の手口を知ろう！」", note="最新の脅威や手口を知ることを求める項目で、社内教育の進め方までは扱いません。"),
 "targeted-email": dict(where="項目5「脅威や攻撃の手口を知ろう！」", inferred=True, note="攻撃の手口を知る項目の一部として、不審なメールへの注意が含まれると考えられます。"),
 "cloud": dict(level="partial", inferred=True, where="項目4「共有設定を見直そう！」", note="データ保管などのウェブサービスの共有範囲を見直す対策例が、クラウド利用の一部にあたります（自社診断の同じ設問の説明による）。"),
 "telework": dict(level="partial", inferred=True, where="項目4「共有設定を見直そう！」", note="自社診断の同じ設問では、テレワークで使うパソコンを他人と共有しない対策例が示されています。"),
 "ransomware": dict(level="partial", inferred=True, where="項目1・項目2", note="ランサムウェアという言葉はありませんが、更新とウイルス対策は感染を防ぐ基本対策です。"),
}
for t in ["asset-inventory", "backup", "budget", "business-continuity", "disclosure", "help-desk", "incident-response",
          "insider-fraud", "logging", "organization-hr", "physical", "policy", "risk-assessment", "scs-request", "supply-chain"]:
    FIVE[t] = dict(level="not-covered", whole=True, where=FIVE_WHERE_ALL)
FIVE["backup"]["note"] = "第3.1版の5か条にはバックアップの項目はありません。バックアップは自社診断や中小企業ガイドラインの規程サンプルで確かめてください。"

SELF = {  # 自社診断（第3.1版 付録3）
 "vulnerability-update": dict(where="Part1 基本的対策 No.1（OSやソフトウェアを最新に保つ）"),
 "access-control": dict(level="covered", where="Part1 基本的対策 No.4（共有設定）", section="part-1"),
 "antivirus": dict(level="partial", inferred=True, where="Part1 基本的対策（No.1〜5）", section="part-1", note="Part1は5か条に対応する設問で、ウイルス対策ソフトの導入もその一つと考えられます。"),
 "password-auth": dict(level="partial", inferred=True, where="Part1 基本的対策（No.1〜5）", section="part-1", note="Part1は5か条に対応する設問で、パスワードの強化もその一つと考えられます。"),
 "training": dict(level="covered", where="Part3 組織としての対策 No.20（従業員教育）", section="part-3"),
 "data-protection": dict(level="covered", where="Part3 組織としての対策 No.19（守秘義務の周知）", section="part-3"),
 "telework": dict(level="partial", where="Part1 No.4、Part3 No.19・No.20 の対策例", note="テレワークは独立した設問ではなく、共有設定・守秘義務・教育の対策例の中で触れられています。"),
 "cloud": dict(level="partial", inferred=True, where="Part3 組織としての対策 No.23（クラウドサービス）、Part1 No.4", section="part-3"),
 "insider-fraud": dict(level="partial", inferred=True, where="Part3 No.19（守秘義務の周知）・No.22（秘密保持）", section="part-3", note="内部からの漏えいを防ぐ約束ごとの一部を確かめる設問がありますが、内部不正を主題とする設問はありません。"),
 "policy": dict(where="Part3 組織としての対策（ルールの明文化と共有）"),
 "supply-chain": dict(level="partial", inferred=True, where="Part3 No.22（取引先との秘密保持）", section="part-3"),
 "organization-hr": dict(level="partial", inferred=True, where="Part3 組織としての対策（No.19〜25）", section="part-3"),
 "incident-response": dict(level="partial", inferred=True, where="Part3 組織としての対策（緊急時の体制に関する設問）", section="part-3"),
 "backup": dict(level="partial", inferred=True, where="Part2 従業員としての対策（バックアップに関する設問）", section="part-2"),
 "physical": dict(level="partial", inferred=True, where="Part2 従業員としての対策（施錠・持ち出しに関する設問）", section="part-2"),
 "targeted-email": dict(level="partial", where="改訂版パンフレット（最新動向として標的型攻撃メールを挙げる）、Part2 従業員としての対策", section="part-2"),
 "ransomware": dict(level="partial", where="改訂版パンフレット（最新動向としてランサムウェアを挙げる）"),
 "risk-assessment": dict(level="partial", inferred=True, where="診断方法と採点（25問で対策の実施状況を点数化）", section="scoring", note="対策ができているかを点検するもので、リスクの大きさを評価する手順ではありません。"),
 "asset-inventory": dict(level="partial", inferred=True, where="Part2 従業員としての対策（重要情報の保管・持ち出し・廃棄の設問）", section="part-2", note="重要情報をどこに置くかを問う設問はありますが、情報資産の一覧づくりは中小企業ガイドラインの付録7で扱います。"),
}

INS = {  # 内部不正防止ガイドライン 第5版
 "insider-fraud": dict(where="全体（第1章〜第4章、付録Ⅰ〜）"),
 "access-control": dict(where="第4章 資産管理（利用者のアクセス管理、システム管理者の権限管理）", edition="第4版（第4章の対策項目）"),
 "asset-inventory": dict(where="第4章 資産管理（情報の格付け区分、ラベル付け）", edition="第4版（第4章の対策項目）"),
 "data-protection": dict(where="第3章 関連する法律（個人情報保護法・不正競争防止法など）、第4章 資産管理"),
 "logging": dict(where="第4章 証拠確保"),
 "organization-hr": dict(where="第2章 体制、第4章 基本方針（総括責任者の任命と組織横断的な体制）"),
 "physical": dict(where="第4章 物理的管理"),
 "policy": dict(where="第4章 基本方針、付録Ⅴ 基本方針の記述例"),
 "incident-response": dict(where="第4章 事後対策"),
 "telework": dict(where="テレワークに関する付録（第5版で追加）"),
 "training": dict(level="partial", inferred=True, where="第4章 人的管理", note="人的管理の観点に、内部不正対策を役職員に周知する教育が含まれると考えられます。"),
 "password-auth": dict(level="partial", inferred=True, where="第4章 技術・運用管理"),
 "risk-assessment": dict(where="付録Ⅱ 内部不正チェックシート"),
 "supply-chain": dict(level="partial", inferred=True, where="第4章 技術・運用管理（業務委託時の確認）", note="委託先や外部サービスを通じた情報の扱いに触れる対策項目があると考えられます。"),
 "cloud": dict(level="partial", inferred=True, where="第4章 技術・運用管理、テレワークに関する付録", note="外部サービスの利用に伴う対策に触れる部分があると考えられますが、クラウドを主題とする章はありません。"),
}

STAR3 = "（★3の評価基準の表。公式のxlsxを第三者が書き写したもので確認）"
SCS = {  # SCS評価制度（制度構築方針 2026-03）
 "scs-request": dict(where="制度全体（★3・★4の段階と評価方式）"),
 "supply-chain": dict(where="要求事項の分類「取引先管理」、制度の目的（サプライチェーン全体の対策）"),
 "risk-assessment": dict(where="要求事項の分類「リスクの特定」"),
 "incident-response": dict(where="要求事項の分類「インシデントへの対応」"),
 "business-continuity": dict(where="要求事項の分類「インシデントからの復旧」、★4の水準（役割に応じた事業継続）"),
 "logging": dict(where="要求事項の分類「攻撃等の検知」"),
 "organization-hr": dict(level="partial", inferred=True, where="要求事項の分類「ガバナンスの整備」", section="governance"),
 "policy": dict(level="partial", inferred=True, where="要求事項の分類「ガバナンスの整備」", section="governance"),
 "vulnerability-update": dict(level="partial", inferred=True, where="要求事項の分類「攻撃等の防御」（★3の評価項目）", section="protect", note="★3の評価項目の一覧は第三者が書き写した資料で確かめたもので、公式の評価基準の本文ではありません。"),
 "backup": dict(level="partial", inferred=True, where="要求事項の分類「攻撃等の防御」（★3の評価項目）", section="protect", note="★3の評価項目の一覧は第三者が書き写した資料で確かめたもので、公式の評価基準の本文ではありません。"),
 "access-control": dict(level="partial", inferred=True, where="要求事項の分類「攻撃等の防御」", section="protect"),
 "password-auth": dict(level="partial", inferred=True, where="要求事項の分類「攻撃等の防御」", section="protect"),
 "antivirus": dict(level="partial", inferred=True, where="要求事項の分類「攻撃等の防御」", section="protect", note="マルウェアへの備えは防御の分類に含まれると考えられます。"),
 "asset-inventory": dict(level="partial", inferred=True, where="要求事項の分類「リスクの特定」", section="risk-identification", note="守る対象を把握することはリスクの特定の前提と考えられます。"),
 "budget": dict(level="partial", inferred=True, where="公正取引委員会・経済産業省の想定事例及び解説（対策費用と取引価格）", section="partnership"),
}

SCS.update({
 "training": dict(level="partial", inferred=True, where="★3 評価基準 4-2-2（インシデント発生時の対応の教育・訓練）、1-2-3（守秘義務の説明）" + STAR3, section="protect", note="★3では、インシデント発生時の対応について年1回以上の教育・訓練と、その記録が求められています。一般的なセキュリティ教育全体を扱う項目ではありません。"),
 "data-protection": dict(level="partial", inferred=True, where="★3 評価基準 2-1-2（機密情報の取扱いの取り決め）、3-1-4（機密区分に応じた管理ルール）" + STAR3, section="risk-identification"),
 "cloud": dict(level="partial", inferred=True, where="★3 評価基準 3-1-3（機密情報を扱う外部情報サービスの管理）、4-1-3（クラウドサービスの多要素認証）" + STAR3, section="risk-identification"),
 "physical": dict(level="partial", inferred=True, where="★3 評価基準 4-1-7（機密上の配慮が必要な場所への入室の管理）、3-1-4（取扱エリアの区分）" + STAR3, section="protect", note="入室の許可と取扱エリアの区分を管理ルールに含めることが求められています。建物や設備の対策全般を扱う項目はありません。"),
 "insider-fraud": dict(level="partial", inferred=True, where="★3 評価基準 1-2-3（守秘義務のルール）、4-1-1・4-1-2（退職時などのID削除、管理者権限の限定）" + STAR3, note="内部不正という分類はありませんが、守秘義務や権限の管理など、内部からの持ち出しを防ぐ対策が含まれています。"),
 "ransomware": dict(level="partial", inferred=True, where="★3 評価基準 4-3-4（バックアップとリストア手順）、4-4-5（マルウェア対策）" + STAR3, section="protect", note="ランサムウェアという言葉は使われていませんが、バックアップとリストア手順、マルウェア対策は被害に備える基本対策です。"),
})
SCS["password-auth"].update(where="★3 評価基準 4-1-3〜4-1-6（認証の強度、多要素認証、パスワードの設定と管理のルール）" + STAR3, note="★3では、パスワードの長さや使い回しの禁止、重要な機密情報を扱うクラウドサービスでの多要素認証などが求められています。")
SCS["access-control"].update(where="★3 評価基準 4-1-1・4-1-2・4-1-7（ユーザIDと管理者IDの手続、アクセス権の管理ルール）" + STAR3)
SCS["antivirus"].update(where="★3 評価基準 4-4-5（マルウェア感染からの保護）" + STAR3, note="★3では、ネットワークにつながるすべてのパソコンとサーバーへのマルウェア対策ソフトの導入などが求められています。")
SCS["vulnerability-update"].update(where="★3 評価基準 4-4-4（セキュリティパッチとアップデートの適用手続）" + STAR3, note="★3では、重大な脆弱性を直すアップデートを公開から14日以内に適用することなどが求められています。")
SCS["backup"].update(where="★3 評価基準 4-3-4（適切なバックアップ）" + STAR3, note="★3では、対象・頻度・保管期間を決めたバックアップ、重要な機密情報の遠隔地バックアップ、リストア手順書が求められています。")
SCS["asset-inventory"].update(where="★3 評価基準 3-1-1・3-1-2（情報機器・OS・ソフトウェアとネットワークの把握）" + STAR3, note="★3では、パソコンやサーバーの製造元・OS・台数、ネットワーク機器を把握する仕組みが求められています。")
