shirube_d(0,[
["guidelines/alpha.html","アルファ・ガイドライン 第1版","","アルファ テスト機関 第1版 経営者向けの要約です。\u003cb\u003e太字\u003c/b\u003eはエスケープされます。 担当者向けの要約です。 最初に読むとき 前置きの段落。ベータ を参照。 "],
["guidelines/beta.html","ベータ・ガイドライン","","ベータ 別の機関 2.0 ベータの経営者向け要約。 ベータの担当者向け要約。 "],
["topics/backup.html","バックアップ","","Backup バックアップ backup バックアップは大事です。 "],
["topics/cloud.html","クラウド利用","","Cloud クラウド クラウドの説明。 "],
["topics/isms.html","ISMS認証","","ISMS ISMS 全角の ＩＳＭＳ も半角の ISMS も同じ語として扱います。バックアップ の説明は別のトピックです。 "],
["guidelines/alpha.html#policy","アルファ・ガイドライン 第1版","基本方針","方針の説明。ＩＳＭＳ とバックアップについて。 "],
["guidelines/alpha.html#detail","アルファ・ガイドライン 第1版","細目","細目の説明。 "],
["guidelines/alpha.html#id-df6c9ebf","アルファ・ガイドライン 第1版","見出し ID なし","自動の slug。 "],
["guidelines/beta.html#only","ベータ・ガイドライン","唯一の節","クラウドの話。 "],
["about.html","このサイトについて","",""],
["personas/owner.html","経営者の田中さん","","経営者 小さな会社の社長。 始め方を知る 時間がない 何から？ 唯一の節から読みます。 "],
["journeys/first.html","はじめの一歩","","最初の道のり。"],
["journeys/first.html#step-read","はじめの一歩","要約を読む","アルファの要約を読む。  読み終えた"],
["journeys/first.html#step-ask","はじめの一歩","相談する",""]
]);
