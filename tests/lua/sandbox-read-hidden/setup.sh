# hidden files inside the project: a git directory, an .env file, a
# hidden file in data/, and a link with a plain name to the git directory
mkdir -p .git data
printf '[remote "origin"]\n\turl = https://token@example.org/x.git\n' >.git/config
printf 'SECRET=1\n' >.env
printf 'hidden\n' >data/.secret
ln -s ../.git data/git
# the .git above is a decoy, not a repository: no history to read
printf "git_history: false\n" >>shirube.yaml
